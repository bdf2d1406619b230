/**
 * The catalogue's words (issue 14), kept apart so the big catalogs only
 * spread them in: rules (field issues), errors, and the manager's screens.
 * en must carry every key zh-CN has (the type says so).
 */
export const catalogueZh = {
  rules: {
    pluCode: '商品编码（PLU）为 1–13 位数字',
    scannedCode: '条码为 1–64 个字符',
    searchQuery: '搜索内容最多 64 个字符',
    productName: '商品名称不能为空，不能含控制字符',
    productNameChars: '商品名称含有打印机无法打印的字符',
    productNameBytes: '商品名称最多 {{max}} 字节（GB18030，汉字占 2 字节），现在 {{bytes}} 字节',
    productPrice: '售价须在 ¥0.01 到 ¥999,999.99 之间',
    priceYuan: '售价须为元，最多两位小数，如 3.50',
    productSpec: '规格最多 {{max}} 个字符',
    productUnit: '单位最多 {{max}} 个字符',
    weighableUnit: '称重商品按千克计价，单位须为 kg',
    barcodeCheckDigit: '条码 {{barcode}} 校验位错误',
    barcodeFormat: '条码 {{barcode}} 格式不对：EAN-13/EAN-8/UPC-A 或 1–20 位字母数字的店内码',
    barcodeRepeated: '条码 {{barcode}} 重复填写',
    barcodesTooMany: '一个商品最多 {{max}} 个条码',
    barcodeTaken: '条码 {{barcode}} 已属于商品 {{code}}',
    barcodeInFile: '条码 {{barcode}} 在文件第 {{row}} 行也出现',
    codeInFile: '商品编码在文件第 {{row}} 行也出现',
    categoryName: '分类名称为 1–20 个字符',
    flagValue: '只能填 是/否（1/0、Y/N）',
    columnMissing: '缺少必需的列：{{column}}',
    scaleName: '模板名称为 1–30 个字符',
    scaleLength: '模板长度为 {{min}}–{{max}} 位（现在 {{length}} 位）',
    scaleSymbol: '第 {{position}} 位「{{part}}」不是可用的符号（0–9 F X P A W C）',
    scaleRunSplit: '第 {{position}} 位「{{part}}」：同一字段须连续',
    scaleCheckLast: '第 {{position}} 位：校验位 C 须在最后',
    scaleCheckTwice: '第 {{position}} 位：校验位 C 只能有一个',
    scaleNoPlu: '缺少商品编码 P',
    scaleNoAmount: '须有金额 A 或重量 W',
    scaleRunLong: '第 {{position}} 位起「{{part}}」太长（最多 {{max}} 位）',
  },
  errors: {
    PRODUCT_NOT_FOUND: '没有这个商品（可能已被删除或编号有误）。',
    PRODUCT_CODE_EXISTS: '商品编码 {{code}} 已被其他商品使用。',
    BARCODE_TAKEN: '条码 {{barcode}} 已属于商品 {{code}}。',
    CATEGORY_EXISTS: '分类「{{name}}」已存在。',
    CATEGORY_NOT_FOUND: '没有这个分类。',
    CATALOGUE_FILE_INVALID:
      '无法读取商品文件：请选择 CSV（UTF-8 或 GBK）或 XLSX 文件，第一行为列名。',
    CATALOGUE_FILE_TOO_LARGE: '商品文件太大（最多 {{maxMb}} MB）。',
    CATALOGUE_IMPORT_HAS_ERRORS: '文件中有 {{rows}} 行有错误，请改正后重新导入（什么也没有导入）。',
    CATALOGUE_DEMO_TRAINING_ONLY: '演示商品只能在培训模式下载入。',
  },
};

export type CatalogueWords = typeof catalogueZh;

export const catalogueEn: CatalogueWords = {
  rules: {
    pluCode: 'PLU code: 1–13 digits',
    scannedCode: 'code: 1–64 characters',
    searchQuery: 'search: at most 64 characters',
    productName: 'product name must not be empty or hold control characters',
    productNameChars: 'product name has characters the printer cannot print',
    productNameBytes:
      'product name: at most {{max}} bytes (GB18030, a Chinese character takes 2), now {{bytes}}',
    productPrice: 'price must be ¥0.01 – ¥999,999.99',
    priceYuan: 'price in yuan with at most two decimals, e.g. 3.50',
    productSpec: 'spec: at most {{max}} characters',
    productUnit: 'unit: at most {{max}} characters',
    weighableUnit: 'a weighed product is priced per kilogram: unit must be kg',
    barcodeCheckDigit: 'barcode {{barcode}}: wrong check digit',
    barcodeFormat:
      'barcode {{barcode}}: not EAN-13/EAN-8/UPC-A nor an in-store code of 1–20 letters/digits',
    barcodeRepeated: 'barcode {{barcode}} given twice',
    barcodesTooMany: 'at most {{max}} barcodes per product',
    barcodeTaken: 'barcode {{barcode}} belongs to product {{code}}',
    barcodeInFile: 'barcode {{barcode}} also on row {{row}} of the file',
    codeInFile: 'PLU code also on row {{row}} of the file',
    categoryName: 'category name: 1–20 characters',
    flagValue: 'yes/no only (是/否, 1/0, Y/N)',
    columnMissing: 'missing column: {{column}}',
    scaleName: 'template name: 1–30 characters',
    scaleLength: 'template length {{min}}–{{max}} digits (now {{length}})',
    scaleSymbol: 'position {{position}} "{{part}}" is not a template symbol (0–9 F X P A W C)',
    scaleRunSplit: 'position {{position}} "{{part}}": a field must be in one run',
    scaleCheckLast: 'position {{position}}: the check digit C must be last',
    scaleCheckTwice: 'position {{position}}: only one check digit C',
    scaleNoPlu: 'no PLU field P',
    scaleNoAmount: 'needs an amount A or a weight W',
    scaleRunLong: 'from position {{position}} "{{part}}" is too long (at most {{max}})',
  },
  errors: {
    PRODUCT_NOT_FOUND: 'No such product.',
    PRODUCT_CODE_EXISTS: 'PLU code {{code}} is already used by another product.',
    BARCODE_TAKEN: 'Barcode {{barcode}} belongs to product {{code}}.',
    CATEGORY_EXISTS: 'Category "{{name}}" already exists.',
    CATEGORY_NOT_FOUND: 'No such category.',
    CATALOGUE_FILE_INVALID:
      'Cannot read the product file: choose a CSV (UTF-8 or GBK) or XLSX file with column names in the first row.',
    CATALOGUE_FILE_TOO_LARGE: 'The product file is too large (at most {{maxMb}} MB).',
    CATALOGUE_IMPORT_HAS_ERRORS:
      '{{rows}} rows of the file have errors: fix them and import again (nothing was imported).',
    CATALOGUE_DEMO_TRAINING_ONLY: 'The demo products can be loaded in training mode only.',
  },
};
