// Realistic generated catalogues for the catalogue bench (and tests that need
// many products): brand + product + flavour + spec names, PLU codes, valid
// EAN-13 barcodes with Chinese 690–699 prefixes, a few weighable items.
import { withCheckDigit } from '../../main/domain/catalogue/barcodes';
import { prng } from './reports';

const BRANDS = [
  '可口可乐',
  '百事',
  '农夫山泉',
  '康师傅',
  '统一',
  '蒙牛',
  '伊利',
  '旺旺',
  '乐事',
  '奥利奥',
  '德芙',
  '雀巢',
  '海飞丝',
  '舒肤佳',
  '高露洁',
  '心相印',
  '清风',
  '立白',
  '蓝月亮',
  '金龙鱼',
  '海天',
  '老干妈',
  '三只松鼠',
  '良品铺子',
  '娃哈哈',
  '王老吉',
  '加多宝',
  '红牛',
  '脉动',
  '怡宝',
  '青岛',
  '雪花',
  '燕京',
  '光明',
  '达利园',
  '盼盼',
  '好丽友',
  '徐福记',
  '大白兔',
  '稻香村',
];
const PRODUCTS = [
  '矿泉水',
  '纯牛奶',
  '酸奶',
  '方便面',
  '薯片',
  '饼干',
  '巧克力',
  '洗发水',
  '沐浴露',
  '牙膏',
  '抽纸',
  '洗衣液',
  '食用油',
  '酱油',
  '辣椒酱',
  '坚果',
  '绿茶',
  '红茶',
  '可乐',
  '啤酒',
  '果汁',
  '咖啡',
  '火腿肠',
  '面包',
  '蛋糕',
  '糖果',
  '口香糖',
  '饮用水',
  '豆奶',
  '凉茶',
];
const FLAVOURS = [
  '',
  '',
  '原味',
  '香辣',
  '草莓味',
  '柠檬味',
  '黑椒',
  '番茄味',
  '麻辣',
  '海盐',
  '低糖',
  '经典',
];
const SPECS = [
  '250ml',
  '330ml',
  '500ml',
  '550ml',
  '1L',
  '1.5L',
  '100g',
  '200g',
  '500g',
  '1kg',
  '6连包',
  '12瓶',
];
const UNITS = ['瓶', '盒', '袋', '包', '罐', '支', '个'];
const CATEGORIES = ['饮料', '零食', '乳品', '日用品', '粮油调味', '酒水', '生鲜'];

export interface GeneratedProduct {
  code: string;
  barcodes: string[];
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  category: string;
  weighable: boolean;
}

export function generateCatalogue(count: number, seed = 14): GeneratedProduct[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: GeneratedProduct[] = [];
  for (let i = 0; i < count; i++) {
    const weighable = rnd() < 0.02;
    const spec = weighable ? '' : pick(SPECS);
    const flavour = pick(FLAVOURS);
    const name = weighable
      ? `${pick(['散装', '新鲜', '精品'])}${pick(['五花肉', '排骨', '苹果', '香蕉', '大米', '鸡蛋'])}`
      : `${pick(BRANDS)}${flavour}${pick(PRODUCTS)} ${spec}`;
    // 690–699 prefix + 9 digits from the index, so every barcode is distinct.
    const body = `69${i % 10}${String(100_000_000 + i * 7).slice(-9)}`;
    out.push({
      code: String(100_000 + i),
      barcodes: weighable ? [] : [withCheckDigit(body)],
      name: name.trim(),
      spec,
      unit: weighable ? 'kg' : pick(UNITS),
      priceFen: 50 + Math.floor(rnd() * 20_000),
      category: weighable ? '生鲜' : pick(CATEGORIES.slice(0, -1)),
      weighable,
    });
  }
  return out;
}
