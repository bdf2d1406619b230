/**
 * The training deck of payment codes (付款码) the simulated scanner offers.
 * They are plain data: the training QR gateway picks each outcome by the
 * code's LAST digit (main/qr/training-ledger.ts), and a unit test checks every
 * code against the app's own classification and that table.
 *
 * | last digit | what the cashier sees                                        |
 * |------------|--------------------------------------------------------------|
 * | 0–4        | paid at once                                                 |
 * | 5          | "customer confirming on the phone", queried, then paid       |
 * | 6          | "customer confirming" until the 60 s window ends → cancelled |
 * | 7          | declined: FAIL NOTENOUGH, 余额不足                           |
 * | 8          | gateway system error (HTTP 500) → queried, never paid →      |
 * |            | cancelled                                                    |
 * | 9          | the /pay reply is lost (timeout) → the query finds it paid   |
 */
export type TrainingCodeOutcome =
  | 'success'
  | 'paying-then-success'
  | 'paying-then-cancelled'
  | 'insufficient-balance'
  | 'system-error-then-cancelled'
  | 'reply-lost-then-success'
  /** Not a payment code at all: refused before any network call. */
  | 'refused';

/** A code the simulated scanner can "scan", with its name in both languages. */
export interface ScannableCode {
  id: string;
  nameZh: string;
  nameEn: string;
  code: string;
}

export interface TrainingCode extends ScannableCode {
  outcome: TrainingCodeOutcome;
}

/**
 * Goods to scan in training mode: barcodes of the demo catalogue that loads
 * into an empty catalogue (main/domain/catalogue/demo-products.ts; a test
 * holds the two together), a scale label (条码秤, 2 F PPPPP AAAAA C: PLU 101
 * 五花肉, ¥12.34) and a valid barcode no product has (未知商品).
 */
export const TRAINING_PRODUCT_CODES: readonly ScannableCode[] = [
  {
    id: 'goods-cola',
    nameZh: '商品：可口可乐 330ml',
    nameEn: 'Goods: Coca-Cola 330ml',
    code: '6901234567892',
  },
  {
    id: 'goods-sprite',
    nameZh: '商品：雪碧 330ml',
    nameEn: 'Goods: Sprite 330ml',
    code: '6901234567267',
  },
  {
    id: 'goods-water',
    nameZh: '商品：农夫山泉 550ml',
    nameEn: 'Goods: Nongfu Spring 550ml',
    code: '6901234567786',
  },
  {
    id: 'goods-scale-pork',
    nameZh: '条码秤标签：五花肉 ¥12.34',
    nameEn: 'Scale label: pork belly ¥12.34',
    code: '2000101012344',
  },
  {
    id: 'goods-unknown',
    nameZh: '未知商品条码',
    nameEn: 'Unknown product barcode',
    code: '4891234567003',
  },
];

export const TRAINING_CODES: readonly TrainingCode[] = [
  {
    id: 'wechat-success',
    nameZh: '微信：支付成功',
    nameEn: 'WeChat Pay: paid',
    code: '134567890123456780',
    outcome: 'success',
  },
  {
    id: 'wechat-paying',
    nameZh: '微信：用户支付中，随后成功',
    nameEn: 'WeChat Pay: customer confirming, then paid',
    code: '134567890123456785',
    outcome: 'paying-then-success',
  },
  {
    id: 'wechat-paying-forever',
    nameZh: '微信：用户一直未确认，撤销',
    nameEn: 'WeChat Pay: customer never confirms, cancelled',
    code: '134567890123456786',
    outcome: 'paying-then-cancelled',
  },
  {
    id: 'wechat-insufficient',
    nameZh: '微信：余额不足',
    nameEn: 'WeChat Pay: insufficient balance',
    code: '134567890123456787',
    outcome: 'insufficient-balance',
  },
  {
    id: 'wechat-system-error',
    nameZh: '微信：系统错误，查询后撤销',
    nameEn: 'WeChat Pay: system error, queried, cancelled',
    code: '134567890123456788',
    outcome: 'system-error-then-cancelled',
  },
  {
    id: 'wechat-reply-lost',
    nameZh: '微信：应答丢失，查询到已支付',
    nameEn: 'WeChat Pay: reply lost, query finds it paid',
    code: '134567890123456789',
    outcome: 'reply-lost-then-success',
  },
  {
    id: 'alipay-success',
    nameZh: '支付宝：支付成功',
    nameEn: 'Alipay: paid',
    code: '283456789012345671',
    outcome: 'success',
  },
  {
    id: 'unionpay-success',
    nameZh: '银联二维码：支付成功',
    nameEn: 'UnionPay QR: paid',
    code: '6212345678901234563',
    outcome: 'success',
  },
  {
    id: 'invalid',
    nameZh: '无效付款码（被拒绝）',
    nameEn: 'Not a payment code (refused)',
    code: '123456',
    outcome: 'refused',
  },
];
