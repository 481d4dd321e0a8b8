// The demo county: 桂阳县 and its 26 townships and subdistricts, named after the real ones; 杨柳乡 and
// 浩塘镇 are the two put under 预否决 in the leading group's minutes (seed document, item 一).

export const DEMO_COUNTY = { code: "GY", name: "桂阳县" } as const;

type Kind = "township" | "town" | "subdistrict";

/** Name, kind and how well the station works (0..1; drives the generated results). */
export const DEMO_TOWNSHIPS: readonly { name: string; kind: Kind; quality: number }[] = [
  { name: "龙潭街道", kind: "subdistrict", quality: 0.82 },
  { name: "鹿峰街道", kind: "subdistrict", quality: 0.78 },
  { name: "黄沙坪街道", kind: "subdistrict", quality: 0.7 },
  { name: "仁义镇", kind: "town", quality: 0.74 },
  { name: "太和镇", kind: "town", quality: 0.66 },
  { name: "洋市镇", kind: "town", quality: 0.6 },
  { name: "和平镇", kind: "town", quality: 0.72 },
  { name: "流峰镇", kind: "town", quality: 0.64 },
  { name: "塘市镇", kind: "town", quality: 0.69 },
  { name: "莲塘镇", kind: "town", quality: 0.62 },
  { name: "舂陵江镇", kind: "town", quality: 0.58 },
  { name: "燕塘镇", kind: "town", quality: 0.67 },
  { name: "四里镇", kind: "town", quality: 0.61 },
  { name: "正和镇", kind: "town", quality: 0.71 },
  { name: "方元镇", kind: "town", quality: 0.65 },
  { name: "樟市镇", kind: "town", quality: 0.6 },
  { name: "荷叶镇", kind: "town", quality: 0.63 },
  { name: "敖泉镇", kind: "town", quality: 0.68 },
  { name: "浩塘镇", kind: "town", quality: 0.44 },
  { name: "欧阳海镇", kind: "town", quality: 0.57 },
  { name: "雷坪镇", kind: "town", quality: 0.62 },
  { name: "桥市乡", kind: "township", quality: 0.59 },
  { name: "杨柳乡", kind: "township", quality: 0.42 },
  { name: "白水乡", kind: "township", quality: 0.56 },
  { name: "余田乡", kind: "township", quality: 0.64 },
  { name: "华山乡", kind: "township", quality: 0.6 },
];

export const SURNAMES = [
  "李",
  "王",
  "张",
  "刘",
  "陈",
  "黄",
  "曹",
  "邓",
  "何",
  "雷",
  "欧阳",
  "罗",
  "谭",
  "廖",
  "胡",
  "周",
  "朱",
  "唐",
  "彭",
  "肖",
  "侯",
  "曾",
  "邓",
  "谢",
  "袁",
  "蒋",
  "龚",
  "首",
  "许",
  "钟",
] as const;

export const GIVEN_NAME_CHARS = [
  "建",
  "国",
  "华",
  "明",
  "丽",
  "芳",
  "霞",
  "红",
  "军",
  "平",
  "秀",
  "英",
  "桂",
  "兰",
  "春",
  "志",
  "勇",
  "燕",
  "玲",
  "娟",
  "伟",
  "敏",
  "静",
  "婷",
  "海",
  "林",
  "文",
  "辉",
  "艳",
  "琼",
] as const;

export const STATION_POSITIONS = [
  "技术服务员",
  "统计员",
  "宣传员",
  "药具管理员",
  "随访服务员",
  "信息员",
] as const;

/** The six staff reassigned by exam from the county health system (选调人员, minutes item 五). */
export const REASSIGNED_ORIGINS: readonly { originUnit: string; examScore: number; township: string }[] = [
  { originUnit: "县人民医院", examScore: 88.5, township: "龙潭街道" },
  { originUnit: "县中医医院", examScore: 84, township: "杨柳乡" },
  { originUnit: "县妇幼保健院", examScore: 91.5, township: "浩塘镇" },
  { originUnit: "县疾病预防控制中心", examScore: 79.5, township: "舂陵江镇" },
  { originUnit: "县第二人民医院", examScore: 82, township: "欧阳海镇" },
  { originUnit: "仁义镇中心卫生院", examScore: 86.5, township: "白水乡" },
];

export const REASSIGNED_ON = "2025-03-16";
