import { describe, expect, it } from 'vitest';
import {
  approximate,
  approxNumber,
  chineseNumeral,
  joinNames,
  ordinal,
  NAMES_AS_COUNT_OVER,
  phraseEach,
  phraseMoney,
  phraseNames,
  phraseQuantity,
  phraseShare,
  phraseWan,
} from './phrasing.js';

describe('the seed document’s figures', () => {
  it('phrases every figure of the 2014 上犹县 summary as written there', () => {
    expect(phraseQuantity(7, '人')).toBe('7人');
    expect(phraseQuantity(5, '次')).toBe('5次');
    expect(phraseQuantity(15230, '份')).toBe('1.5万余份');
    expect(phraseQuantity(83, '块')).toBe('80余块');
    expect(phraseQuantity(11860, '人次')).toBe('近1.2万人次');
    expect(phraseQuantity(812, '份')).toBe('800余份');
    expect(phraseQuantity(196, '人')).toBe('近200人');
    expect(phraseMoney(31500, { more: '多', chinese: true })).toBe('三万多元');
    expect(phraseMoney(31500)).toBe('3万余元');
    expect(phraseEach(1, '项')).toBe('各1项');
    expect(phraseShare(4, 2, '户')).toBe('4户中已有2户');
  });

  it('keeps two significant digits where one would lose more than a tenth, as a writer does', () => {
    expect(phraseQuantity(458, '人次')).toBe('450余人次'); // 400余 would lose 58 > 45.8
    expect(phraseQuantity(15230, '份')).toBe('1.5万余份');
    expect(phraseQuantity(83, '块')).toBe('80余块');
    expect(phraseQuantity(11860, '人次')).toBe('近1.2万人次');
    expect(phraseQuantity(196, '人')).toBe('近200人');
    expect(phraseMoney(31500)).toBe('3万余元');
  });
});

describe('rule 1: small figures and round figures are exact', () => {
  it('writes figures below 50 as they are', () => {
    expect(approxNumber(0)).toBe('0');
    expect(approxNumber(1)).toBe('1');
    expect(phraseQuantity(46, '人')).toBe('46人');
    expect(approxNumber(49)).toBe('49');
    expect(approxNumber(49.5)).toBe('49.5');
    expect(approximate(49)).toEqual({ kind: 'exact', value: 49 });
  });

  it('writes a round figure (a multiple of ten with at most two significant digits) without 余 or 近', () => {
    expect(approxNumber(50)).toBe('50');
    expect(approxNumber(80)).toBe('80');
    expect(phraseQuantity(450, '人次')).toBe('450人次');
    expect(phraseMoney(8500)).toBe('8500元');
    expect(approxNumber(12000)).toBe('1.2万');
    expect(approxNumber(450_000)).toBe('45万');
    expect(approxNumber(100)).toBe('100');
    expect(approxNumber(110)).toBe('110');
    expect(approxNumber(190)).toBe('190');
    expect(phraseQuantity(200, '人')).toBe('200人');
    expect(phraseQuantity(800, '份')).toBe('800份');
    expect(approxNumber(1000)).toBe('1000');
    expect(approxNumber(1900)).toBe('1900');
    expect(phraseMoney(8000)).toBe('8000元');
    expect(approxNumber(10000)).toBe('1万');
    expect(phraseQuantity(15000, '份')).toBe('1.5万份');
    expect(phraseMoney(30000)).toBe('3万元');
    expect(approximate(800)).toEqual({ kind: 'exact', value: 800 });
    expect(phraseQuantity(15000, '份', { chinese: true })).toBe('一点五万份');
    expect(phraseQuantity(800, '份', { more: '多' })).toBe('800份');
  });
});

describe('rule 3: one significant digit, two where one loses more than a tenth', () => {
  it('rounds down to one significant digit when that loses at most a tenth', () => {
    expect(approximate(83)).toEqual({ kind: 'more', value: 80 }); // 3 ≤ 8.3
    expect(approximate(812)).toEqual({ kind: 'more', value: 800 });
    expect(approximate(31500)).toEqual({ kind: 'more', value: 30000 }); // 1,500 ≤ 3,150
    expect(approximate(9499)).toEqual({ kind: 'more', value: 9000 }); // 499 ≤ 949.9
    expect(approximate(10500)).toEqual({ kind: 'more', value: 10000 });
  });

  it('keeps two significant digits when one loses more', () => {
    expect(approximate(458)).toEqual({ kind: 'more', value: 450 }); // 58 > 45.8
    expect(approximate(123)).toEqual({ kind: 'more', value: 120 }); // 23 > 12.3
    expect(approximate(255)).toEqual({ kind: 'more', value: 250 });
    expect(approximate(1234)).toEqual({ kind: 'more', value: 1200 });
    expect(approximate(15230)).toEqual({ kind: 'more', value: 15000 }); // a third
    expect(approximate(125000)).toEqual({ kind: 'more', value: 120000 });
    expect(approxNumber(458)).toBe('450余');
    expect(approxNumber(2_480_000)).toBe('240余万'); // 余 after the place, before 万
  });

  it('pins the tenth: 111 → 100余, 112 → 110余; 222 → 200余, 223 → 220余', () => {
    expect(approxNumber(111)).toBe('100余'); // 11 ≤ 11.1
    expect(approxNumber(112)).toBe('110余'); // 12 > 11.2
    expect(approxNumber(222)).toBe('200余'); // 22 ≤ 22.2
    expect(approxNumber(223)).toBe('220余');
  });

  it('writes a two-digit figure that one digit would misstate as it is', () => {
    expect(approxNumber(55)).toBe('50余'); // 5 ≤ 5.5
    expect(approxNumber(56)).toBe('56'); // 6 > 5.6
    expect(approxNumber(67)).toBe('67');
    expect(approximate(67)).toEqual({ kind: 'exact', value: 67 });
  });
});

describe('rule 2: 近c when c − n ≤ 3% of c, c at two significant digits after a leading 1, otherwise one', () => {
  it('never writes 近 before a finer value', () => {
    expect(approxNumber(458)).not.toMatch(/近/);
    expect(approxNumber(486)).toBe('近500'); // 14 ≤ 15
    expect(approxNumber(485)).toBe('近500'); // 15 ≤ 15
    expect(approxNumber(484)).toBe('480余'); // 16 > 14.52, and 400 would lose 84
    expect(approximate(11860)).toEqual({ kind: 'near', value: 12000 });
  });

  it('pins the 50 boundary', () => {
    expect(approxNumber(49)).toBe('49');
    expect(approxNumber(50)).toBe('50');
    expect(approxNumber(51)).toBe('50余');
  });

  it('pins the 3% boundary below 100', () => {
    expect(approxNumber(96)).toBe('90余'); // c − n = 4 > 3
    expect(approxNumber(97)).toBe('近100'); // 3 ≤ 3
    expect(approxNumber(99)).toBe('近100');
  });

  it('pins the 3% boundary below 200', () => {
    expect(approxNumber(193)).toBe('190余'); // 7 > 6
    expect(approxNumber(194)).toBe('近200'); // 6 ≤ 6
    expect(approxNumber(196)).toBe('近200');
  });

  it('uses the finer step just above a power of ten', () => {
    expect(approxNumber(100)).toBe('100');
    expect(approxNumber(101)).toBe('100余'); // f = 100, c = 110
    expect(approxNumber(107)).toBe('近110'); // 3 ≤ 3.3
    expect(approxNumber(106)).toBe('100余'); // 4 > 3.3
  });

  it('pins 9,500, 9,999 and 10,000', () => {
    expect(approxNumber(9500)).toBe('9500'); // round
    expect(approxNumber(9550)).toBe('9000余'); // 450 > 300; 550 ≤ 955
    expect(approxNumber(9700)).toBe('9700'); // round
    expect(approxNumber(9701)).toBe('近1万'); // 299 ≤ 300
    expect(approxNumber(9699)).toBe('9000余');
    expect(approxNumber(9999)).toBe('近1万');
    expect(approxNumber(10000)).toBe('1万');
    expect(approxNumber(10001)).toBe('1万余');
  });

  it('approximates non-integer figures of 50 and more the same way', () => {
    expect(approxNumber(50.5)).toBe('50余');
    expect(approxNumber(96.9)).toBe('90余'); // 3.1 > 3
    expect(approxNumber(97.5)).toBe('近100');
  });
});

describe('rule 4: 万 and 亿 from the written value', () => {
  it('writes values of 1万 and more in 万 with the decimal the precision gives', () => {
    expect(approxNumber(15230)).toBe('1.5万余');
    expect(approxNumber(11860)).toBe('近1.2万');
    expect(approxNumber(31500)).toBe('3万余');
    expect(approxNumber(120000)).toBe('12万');
    expect(approxNumber(125000)).toBe('12万余');
    expect(approxNumber(1_500_000)).toBe('150万');
    expect(approxNumber(10_000_000)).toBe('1000万');
    expect(approxNumber(99_999_999)).toBe('近1亿');
  });

  it('writes values of 1亿 and more in 亿', () => {
    expect(approxNumber(100_000_000)).toBe('1亿');
    expect(approxNumber(150_000_000)).toBe('1.5亿');
    expect(approxNumber(153_000_000)).toBe('1.5亿余');
    expect(approxNumber(3_210_000_000)).toBe('30余亿');
  });

  it('writes values below 1万 in plain digits without separators', () => {
    expect(approxNumber(812)).toBe('800余');
    expect(approxNumber(1860)).toBe('近1900');
    expect(approxNumber(9499)).toBe('9000余');
    expect(phraseMoney(8350)).toBe('8000余元');
  });
});

describe('rule 5: 多 and Chinese numerals', () => {
  it('writes 多 instead of 余 and keeps 近', () => {
    expect(phraseQuantity(83, '块', { more: '多' })).toBe('80多块');
    expect(phraseMoney(31500, { more: '多' })).toBe('3万多元');
    expect(approxNumber(11860, { more: '多' })).toBe('近1.2万');
    expect(approxNumber(800, { more: '多' })).toBe('800');
  });

  it('writes the number part in Chinese numerals', () => {
    expect(phraseMoney(31500, { chinese: true })).toBe('三万余元');
    expect(phraseQuantity(15230, '份', { chinese: true })).toBe('一点五万余份');
    expect(approxNumber(11860, { chinese: true })).toBe('近一点二万');
    expect(approxNumber(83, { chinese: true, more: '多' })).toBe('八十多');
    expect(approxNumber(196, { chinese: true })).toBe('近二百');
    expect(approxNumber(120000, { chinese: true })).toBe('十二万');
    expect(approxNumber(1_500_000, { chinese: true })).toBe('一百五十万');
    expect(approxNumber(150_000_000, { chinese: true })).toBe('一点五亿');
    expect(phraseQuantity(7, '人', { chinese: true })).toBe('七人');
    expect(approxNumber(49.5, { chinese: true })).toBe('四十九点五');
  });

  it('reads 2 as 两 before 万/亿 and measure words, 二 elsewhere', () => {
    expect(phraseMoney(20500, { chinese: true, more: '多' })).toBe('两万多元');
    expect(phraseMoney(21000, { chinese: true })).toBe('二点一万元');
    expect(phraseMoney(20000, { chinese: true })).toBe('两万元');
    expect(approxNumber(200_000_000, { chinese: true })).toBe('两亿');
    expect(phraseQuantity(2, '户', { chinese: true })).toBe('两户');
    expect(approxNumber(2, { chinese: true })).toBe('二');
    expect(phraseQuantity(20300, '份', { chinese: true })).toBe('两万余份');
    expect(phraseMoney(2.5, { chinese: true })).toBe('二点五元');
    expect(phraseQuantity(2000, '份', { chinese: true })).toBe('两千份');
    expect(phraseQuantity(20, '人', { chinese: true })).toBe('二十人');
  });
});

describe('rule 6: exact mode', () => {
  it('writes the integer as it is, without separators or 万', () => {
    expect(phraseQuantity(15230, '份', { mode: 'exact' })).toBe('15230份');
    expect(phraseQuantity(11860, '人次', { mode: 'exact' })).toBe('11860人次');
    expect(phraseMoney(31500, { mode: 'exact' })).toBe('31500元');
    expect(approxNumber(150_000_000, { mode: 'exact' })).toBe('150000000');
    expect(approxNumber(1e21, { mode: 'exact' })).toBe('1000000000000000000000');
    expect(approxNumber(0, { mode: 'exact' })).toBe('0');
  });

  it('trims decimals of non-integers (4 places; money 2)', () => {
    expect(approxNumber(12.5, { mode: 'exact' })).toBe('12.5');
    expect(approxNumber(12.5)).toBe('12.5');
    expect(approxNumber(3.14159, { mode: 'exact' })).toBe('3.1416');
    expect(approxNumber(7.00001, { mode: 'exact' })).toBe('7');
    expect(phraseMoney(31500.456, { mode: 'exact' })).toBe('31500.46元');
    expect(phraseMoney(31500.5, { mode: 'exact' })).toBe('31500.5元');
  });

  it('ignores 余/多 and spells the whole figure out with chinese', () => {
    expect(phraseMoney(31500, { mode: 'exact', more: '多' })).toBe('31500元');
    expect(phraseMoney(31500, { mode: 'exact', chinese: true })).toBe('三万一千五百元');
    expect(phraseQuantity(2, '户', { mode: 'exact', chinese: true })).toBe('两户');
  });
});

describe('rule 7: negative and non-finite figures throw a RangeError in Chinese', () => {
  const bad = [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  it.each(bad)('rejects %s everywhere', (n) => {
    expect(() => approxNumber(n)).toThrow(RangeError);
    expect(() => approxNumber(n)).toThrow(/数值须为非负的有限数/);
    expect(() => approxNumber(n, { mode: 'exact' })).toThrow(RangeError);
    expect(() => phraseQuantity(n, '份')).toThrow(RangeError);
    expect(() => phraseMoney(n)).toThrow(RangeError);
    expect(() => phraseWan(n)).toThrow(RangeError);
    expect(() => phraseEach(n, '项')).toThrow(RangeError);
    expect(() => chineseNumeral(n)).toThrow(RangeError);
    expect(() => ordinal(n)).toThrow(RangeError);
    expect(() => approximate(n)).toThrow(RangeError);
  });

  it('accepts negative zero as zero', () => {
    expect(approxNumber(-0)).toBe('0');
  });
});

describe('chineseNumeral', () => {
  it('writes units, tens and hundreds', () => {
    expect(chineseNumeral(0)).toBe('零');
    expect(chineseNumeral(3)).toBe('三');
    expect(chineseNumeral(2)).toBe('二');
    expect(chineseNumeral(10)).toBe('十');
    expect(chineseNumeral(15)).toBe('十五');
    expect(chineseNumeral(20)).toBe('二十');
    expect(chineseNumeral(99)).toBe('九十九');
    expect(chineseNumeral(100)).toBe('一百');
    expect(chineseNumeral(105)).toBe('一百零五');
    expect(chineseNumeral(110)).toBe('一百一十');
    expect(chineseNumeral(200)).toBe('二百');
  });

  it('writes one 零 for a run of zeros and 两 before 千/万/亿', () => {
    expect(chineseNumeral(1000)).toBe('一千');
    expect(chineseNumeral(1005)).toBe('一千零五');
    expect(chineseNumeral(1050)).toBe('一千零五十');
    expect(chineseNumeral(2014)).toBe('两千零一十四');
    expect(chineseNumeral(2200)).toBe('两千二百');
    expect(chineseNumeral(10000)).toBe('一万');
    expect(chineseNumeral(10005)).toBe('一万零五');
    expect(chineseNumeral(10010)).toBe('一万零一十');
    expect(chineseNumeral(10500)).toBe('一万零五百');
    expect(chineseNumeral(15230)).toBe('一万五千二百三十');
    expect(chineseNumeral(20000)).toBe('两万');
    expect(chineseNumeral(22000)).toBe('两万两千');
    expect(chineseNumeral(100000)).toBe('十万');
    expect(chineseNumeral(101000)).toBe('十万一千');
    expect(chineseNumeral(120000)).toBe('十二万');
    expect(chineseNumeral(1_000_000)).toBe('一百万');
    expect(chineseNumeral(20_000_000)).toBe('两千万');
    expect(chineseNumeral(100_000_000)).toBe('一亿');
    expect(chineseNumeral(100_000_005)).toBe('一亿零五');
    expect(chineseNumeral(100_050_000)).toBe('一亿零五万');
    expect(chineseNumeral(100_005_000)).toBe('一亿零五千');
    expect(chineseNumeral(150_000_000)).toBe('一亿五千万');
    expect(chineseNumeral(200_000_000)).toBe('两亿');
    expect(chineseNumeral(1_000_000_000)).toBe('十亿');
    expect(chineseNumeral(1_000_000_000_000)).toBe('一万亿');
    expect(chineseNumeral(1_000_000_010_000)).toBe('一万亿零一万');
    expect(chineseNumeral(1_000_100_000_000)).toBe('一万零一亿');
  });

  it('reads decimals digit by digit after 点', () => {
    expect(chineseNumeral(1.5)).toBe('一点五');
    expect(chineseNumeral(0.5)).toBe('零点五');
    expect(chineseNumeral(10.05)).toBe('十点零五');
    expect(chineseNumeral(2.5)).toBe('二点五');
  });

  it('stops at Number.MAX_SAFE_INTEGER', () => {
    expect(chineseNumeral(Number.MAX_SAFE_INTEGER)).toBe('九千零七万一千九百九十二亿五千四百七十四万零九百九十一');
    expect(() => chineseNumeral(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe('ordinal', () => {
  it('numbers enumerations from 一', () => {
    expect(ordinal(1)).toBe('一');
    expect(ordinal(2)).toBe('二');
    expect(ordinal(9)).toBe('九');
    expect(ordinal(10)).toBe('十');
    expect(ordinal(11)).toBe('十一');
    expect(ordinal(20)).toBe('二十');
    expect(ordinal(2000)).toBe('二千');
  });

  it('rejects 0 and non-integers', () => {
    expect(() => ordinal(0)).toThrow(RangeError);
    expect(() => ordinal(1.5)).toThrow(/序号须为正整数/);
  });
});

describe('joinNames', () => {
  it('joins with 、 and 和', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['林业局'])).toBe('林业局');
    expect(joinNames(['林业局', '农业局'])).toBe('林业局和农业局');
    expect(joinNames(['林业局', '农业局', '气象局'])).toBe('林业局、农业局和气象局');
  });

  it('quotes each name with Chinese quotation marks', () => {
    expect(joinNames(['科技富民强县'], { quote: true })).toBe('\u201c科技富民强县\u201d');
    expect(joinNames(['科技三下乡', '科技活动周'], { quote: true })).toBe('“科技三下乡”和“科技活动周”');
    expect(joinNames(['A', 'B', 'C'], { quote: true })).toBe('“A”、“B”和“C”');
  });

  it('takes no 和 before 等: A、B、C等工作', () => {
    expect(joinNames(['科普统计', '民营科技企业统计', '科技人员入园入企工作情况统计'], { etc: true }) + '等工作').toBe(
      '科普统计、民营科技企业统计、科技人员入园入企工作情况统计等工作',
    );
    expect(joinNames(['林业', '农业'], { etc: true })).toBe('林业、农业');
    expect(joinNames(['林业'], { etc: true })).toBe('林业');
    expect(joinNames(['A', 'B'], { etc: true, quote: true })).toBe('“A”、“B”');
    expect(phraseNames(['林业', '农业', '气象'], { countUnit: '个部门', etc: true })).toBe('林业、农业、气象');
  });

  it('does not change the array it is given', () => {
    const names = ['A', 'B'];
    joinNames(names, { quote: true });
    expect(names).toEqual(['A', 'B']);
  });
});

describe('phraseEach', () => {
  it('prefixes 各 to the phrased quantity', () => {
    expect(phraseEach(1, '项')).toBe('各1项');
    expect(phraseEach(812, '份')).toBe('各800余份');
    expect(phraseEach(812, '份', { mode: 'exact' })).toBe('各812份');
    expect(phraseEach(2, '项', { chinese: true })).toBe('各两项');
  });
});

describe('phraseShare', () => {
  it('writes part of a whole with exact counts', () => {
    expect(phraseShare(4, 2, '户')).toBe('4户中已有2户');
    expect(phraseShare(4, 1, '户')).toBe('4户中已有1户');
    expect(phraseShare(4, 3, '户')).toBe('4户中已有3户');
    expect(phraseShare(1230, 812, '户')).toBe('1230户中已有812户');
  });

  it('writes all and none', () => {
    expect(phraseShare(4, 4, '户')).toBe('4户全部');
    expect(phraseShare(1, 1, '户')).toBe('1户全部');
    expect(phraseShare(4, 0, '户')).toBe('4户均未');
  });

  it('rejects an empty whole, a part above the whole, fractions and negatives', () => {
    expect(() => phraseShare(0, 0, '户')).toThrow(RangeError);
    expect(() => phraseShare(4, 5, '户')).toThrow(/不能大于总数/);
    expect(() => phraseShare(4, 1.5, '户')).toThrow(/须为整数/);
    expect(() => phraseShare(4, -1, '户')).toThrow(RangeError);
    expect(() => phraseShare(Number.NaN, 1, '户')).toThrow(RangeError);
  });
});

describe('phraseMoney', () => {
  it('follows the rounding rules with 元', () => {
    expect(phraseMoney(31500)).toBe('3万余元');
    expect(phraseMoney(31500, { more: '多', chinese: true })).toBe('三万多元');
    expect(phraseMoney(8000)).toBe('8000元');
    expect(phraseMoney(8350)).toBe('8000余元');
    expect(phraseMoney(45)).toBe('45元');
    expect(phraseMoney(0)).toBe('0元');
    expect(phraseMoney(31500, { mode: 'exact' })).toBe('31500元');
  });

  it('puts 余 or 多 before 万 after a place and after 万 after a unit digit, as phraseWan does', () => {
    expect(phraseMoney(3_730_000)).toBe('370余万元');
    expect(phraseMoney(1_030_000)).toBe('100余万元');
    expect(phraseMoney(315_000, { more: '多', chinese: true })).toBe('三十多万元');
    expect(phraseMoney(386_000)).toBe('38万余元');
    expect(phraseMoney(3_210_000_000)).toBe('30余亿元');
    expect(phraseMoney(123_450_000)).toBe('1.2亿余元');
    expect(phraseQuantity(2_480_000, '人')).toBe('240余万人');
  });

  it('writes an amount the same whether it was kept in 元 or in 万元', () => {
    const amounts: [number, number][] = [
      [3_730_000, 373],
      [380_000, 38],
      [1_030_000, 103],
      [315_000, 31.5],
      [386_000, 38.6],
      [125_000, 12.5],
      [15_500, 1.55],
      [1_502_000, 150.2],
      [995_000, 99.5],
      [123_450_000, 12345],
      [3_210_000_000, 321_000],
      [8_350, 0.835],
    ];
    for (const [yuan, wan] of amounts) {
      for (const options of [{}, { more: '多' as const }, { chinese: true }, { chinese: true, more: '多' as const }]) {
        expect([yuan, options, phraseMoney(yuan, options)]).toEqual([yuan, options, phraseWan(wan, options)]);
      }
    }
    expect(phraseWan(373)).toBe('370余万元');
    expect(phraseWan(38)).toBe('38万元');
  });
});

describe('phraseWan', () => {
  it('rounds 万元 amounts by the house rules, counted in 元', () => {
    expect(phraseWan(39)).toBe('39万元'); // round
    expect(phraseWan(39.2)).toBe('近40万元');
    expect(phraseWan(38.6)).toBe('38万余元'); // 30余万 would lose more than a tenth
    expect(phraseWan(31.5)).toBe('30余万元');
    expect(phraseWan(70)).toBe('70万元');
    expect(phraseWan(12)).toBe('12万元');
    expect(phraseWan(12.5)).toBe('12万余元');
    expect(phraseWan(1.55)).toBe('1.5万余元');
    expect(phraseWan(5.08)).toBe('5万余元');
    expect(phraseWan(5.5)).toBe('5.5万元');
    expect(phraseWan(150.2)).toBe('150余万元');
    expect(phraseWan(99.5)).toBe('近100万元');
    expect(phraseWan(12345)).toBe('1.2亿余元');
    expect(phraseWan(20000)).toBe('2亿元');
  });

  it('puts 余 or 多 after a place, never after a unit digit', () => {
    expect(phraseWan(31.5, { more: '多' })).toBe('30多万元');
    expect(phraseWan(31.5, { chinese: true })).toBe('三十余万元');
    expect(phraseWan(5.08, { more: '多', chinese: true })).toBe('五万多元');
    expect(phraseWan(2.03, { more: '多', chinese: true })).toBe('两万多元');
    expect(phraseWan(38.6)).toBe('38万余元');
    expect(phraseWan(120.5)).toBe('120余万元');
    expect(phraseWan(7.2)).not.toMatch(/\d余万/);
  });

  it('writes amounts below 1万元 in 元, like phraseMoney', () => {
    expect(phraseWan(0.8)).toBe('8000元');
    expect(phraseWan(0.835)).toBe('8000余元');
    expect(phraseWan(0.0045)).toBe('45元');
    expect(phraseWan(0)).toBe('0元');
  });

  it('writes the exact amount in 万元 on request, trimmed to at most 4 decimals', () => {
    expect(phraseWan(38.6, { mode: 'exact' })).toBe('38.6万元');
    expect(phraseWan(70, { mode: 'exact' })).toBe('70万元');
    expect(phraseWan(12.5, { mode: 'exact' })).toBe('12.5万元');
    expect(phraseWan(1234.5, { mode: 'exact' })).toBe('1234.5万元');
    expect(phraseWan(0.0001, { mode: 'exact' })).toBe('0.0001万元');
    expect(phraseWan(3.14159, { mode: 'exact' })).toBe('3.1416万元');
    expect(phraseWan(12.50001, { mode: 'exact' })).toBe('12.5万元');
    expect(phraseWan(0, { mode: 'exact' })).toBe('0万元');
    expect(phraseWan(2, { mode: 'exact', chinese: true })).toBe('两万元');
  });
});

describe('phraseNames', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `部门${i + 1}`);
  it('lists up to the threshold name by name', () => {
    expect(NAMES_AS_COUNT_OVER).toBe(8);
    expect(phraseNames(names(3), { countUnit: '个部门' })).toBe('部门1、部门2和部门3');
    expect(phraseNames(names(8), { countUnit: '个部门' })).toBe(joinNamesOf(names(8)));
    expect(phraseNames(['林业', '农业'], { quote: true })).toBe('\u201c林业\u201d和\u201c农业\u201d');
  });

  it('writes a longer list as its count with the unit given', () => {
    expect(phraseNames(names(9), { countUnit: '个部门' })).toBe('9个部门');
    expect(phraseNames(names(12), { countUnit: '个乡镇' })).toBe('12个乡镇');
    expect(phraseNames(names(3), { countUnit: '个部门', over: 2 })).toBe('3个部门');
  });

  it('lists every name when no count unit is given', () => {
    expect(phraseNames(names(12))).toBe(joinNamesOf(names(12)));
  });
});

function joinNamesOf(list: string[]): string {
  return `${list.slice(0, -1).join('、')}和${list[list.length - 1]}`;
}
