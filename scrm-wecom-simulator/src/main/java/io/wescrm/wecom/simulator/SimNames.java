package io.wescrm.wecom.simulator;

import java.util.List;

/** Word lists for the seed generator: Chinese names with their pinyin, store names, tag library. */
final class SimNames {

  private SimNames() {
  }

  /** A Chinese string with its pinyin (for ASCII userids). */
  record Word(String hanzi, String pinyin) {
  }

  /** A store: Chinese name, English name and a code used in contact-way states ("store_sh01_qr"). */
  record Store(String name, String nameEn, String code) {
  }

  static final List<Word> SURNAMES = words(
      "王 wang", "李 li", "张 zhang", "刘 liu", "陈 chen", "杨 yang", "黄 huang", "赵 zhao", "吴 wu", "周 zhou",
      "徐 xu", "孙 sun", "马 ma", "朱 zhu", "胡 hu", "郭 guo", "何 he", "林 lin", "罗 luo", "高 gao",
      "郑 zheng", "梁 liang", "谢 xie", "宋 song", "唐 tang", "许 xu", "韩 han", "冯 feng", "邓 deng", "曹 cao",
      "彭 peng", "曾 zeng", "肖 xiao", "田 tian", "董 dong", "潘 pan", "袁 yuan", "蔡 cai", "蒋 jiang", "余 yu",
      "于 yu", "杜 du", "叶 ye", "程 cheng", "魏 wei", "苏 su", "吕 lv", "丁 ding", "任 ren", "沈 shen",
      "姚 yao", "卢 lu", "姜 jiang", "崔 cui", "钟 zhong", "谭 tan", "陆 lu", "汪 wang", "范 fan", "金 jin",
      "石 shi", "廖 liao", "贾 jia", "夏 xia", "韦 wei", "方 fang", "白 bai", "邹 zou", "孟 meng", "熊 xiong",
      "秦 qin", "邱 qiu", "江 jiang", "尹 yin", "薛 xue", "段 duan", "雷 lei", "侯 hou", "龙 long", "史 shi",
      "陶 tao", "黎 li", "贺 he", "顾 gu", "毛 mao", "郝 hao", "龚 gong", "邵 shao", "万 wan", "钱 qian",
      "严 yan", "武 wu", "戴 dai", "莫 mo", "孔 kong", "向 xiang", "汤 tang", "欧阳 ouyang", "司马 sima", "上官 shangguan");

  static final List<Word> GIVEN = words(
      "伟 wei", "芳 fang", "娜 na", "敏 min", "静 jing", "丽 li", "强 qiang", "磊 lei", "军 jun", "洋 yang",
      "勇 yong", "艳 yan", "杰 jie", "娟 juan", "涛 tao", "明 ming", "超 chao", "秀 xiu", "霞 xia", "平 ping",
      "刚 gang", "英 ying", "华 hua", "玲 ling", "婷 ting", "雪 xue", "琳 lin", "欣 xin", "怡 yi", "悦 yue",
      "晨 chen", "宇 yu", "浩 hao", "佳 jia", "雯 wen", "倩 qian", "颖 ying", "萍 ping", "慧 hui", "嘉 jia",
      "子 zi", "梓 zi", "涵 han", "诗 shi", "思 si", "雨 yu", "梦 meng", "晓 xiao", "彤 tong", "琪 qi",
      "瑶 yao", "璐 lu", "蕾 lei", "薇 wei", "露 lu", "晶 jing", "燕 yan", "红 hong", "兰 lan", "凤 feng",
      "洁 jie", "莉 li", "丹 dan", "妍 yan", "若 ruo", "安 an", "可 ke", "馨 xin", "文 wen", "博 bo");

  /** Characters used in nicknames like 小美, 阿珍, 婷婷. */
  static final List<String> NICK_CHARS = List.of("美", "雨", "珍", "婷", "晶", "萌", "甜", "桃", "鱼", "米", "糖",
      "朵", "琪", "悦", "楠", "乐", "喵", "兔", "芸", "薇");

  static final List<String> EMOJI = List.of("🌸", "😀", "🍓", "🌙", "✨", "🐱", "🌷", "💄", "🍀", "🎀", "🌈", "💕",
      "🦋", "🍑", "☀️", "🌻");

  static final List<String> ENGLISH = List.of("Tony", "Lily", "Amy", "Coco", "Vivian", "Grace", "Cindy", "Kelly",
      "Jessica", "Sunny", "Linda", "Nancy", "Emma", "Zoe", "Iris", "Kevin", "Jason", "Leo", "Ann", "Yuki", "Mia",
      "Elaine", "Sophia", "Chloe");

  static final List<String> POETIC = List.of("一朵小红花", "追风的少女", "静待花开", "岁月静好", "向日葵", "半糖去冰",
      "奶茶续命", "今天也要加油", "慢慢来", "晴天", "小确幸", "山茶花开", "月亮不睡我不睡", "橘子汽水");

  static final List<String> CUSTOMER_CORPS = List.of("美妍贸易|上海美妍贸易有限公司", "丽人坊|杭州丽人坊美容有限公司",
      "星河传媒|北京星河文化传媒有限公司", "花漾生活|深圳花漾生活科技有限公司", "优选供应链|广州优选供应链管理有限公司",
      "锦程酒店|成都锦程酒店管理有限公司", "悦动健身|南京悦动健身服务有限公司", "云尚科技|苏州云尚信息科技有限公司");

  static final List<String> CUSTOMER_POSITIONS = List.of("采购经理", "行政主管", "市场总监", "店长", "运营专员",
      "创始人");

  static final List<String> DESCRIPTIONS = List.of("喜欢保湿类产品", "敏感肌，推荐温和款", "周末到店", "生日在3月",
      "偏好香氛礼盒", "关注新品口红", "会员积分较多", "价格敏感，关注活动", "油皮，夏季控油需求", "想要美白精华",
      "给妈妈买抗老套装", "直播间下单常客");

  static final List<String> STORE_POSITIONS = List.of("美容顾问", "导购", "美妆顾问", "资深美容顾问");

  static final List<String> GROUP_SUFFIXES = List.of("VIP福利群", "新品体验群", "会员专享群", "美妆交流群",
      "护肤打卡群", "秒杀福利群", "老客回馈群");

  static final List<String> NOTICES = List.of("欢迎加入！每周三晚8点福利秒杀，不定期发放专属优惠券～",
      "群内禁止发广告，文明交流，有问题随时@店长", "新品试用名额每月15号开放报名",
      "到店出示群昵称可领小样一份🎁");

  static final List<Store> STORES = List.of(
      new Store("上海南京西路店", "Shanghai Nanjing West Rd", "sh01"),
      new Store("杭州湖滨银泰店", "Hangzhou Hubin Intime", "hz01"),
      new Store("北京三里屯店", "Beijing Sanlitun", "bj01"),
      new Store("上海徐家汇店", "Shanghai Xujiahui", "sh02"),
      new Store("深圳万象城店", "Shenzhen MixC", "sz01"),
      new Store("广州天河城店", "Guangzhou Teemall", "gz01"),
      new Store("成都太古里店", "Chengdu Taikoo Li", "cd01"),
      new Store("南京德基广场店", "Nanjing Deji Plaza", "nj01"),
      new Store("武汉武商广场店", "Wuhan Wushang Plaza", "wh01"),
      new Store("苏州观前街店", "Suzhou Guanqian St", "su01"),
      new Store("重庆解放碑店", "Chongqing Jiefangbei", "cq01"),
      new Store("西安赛格店", "Xi'an SEG", "xa01"),
      new Store("天津滨江道店", "Tianjin Binjiang Rd", "tj01"),
      new Store("长沙五一广场店", "Changsha Wuyi Square", "cs01"),
      new Store("北京国贸店", "Beijing China World", "bj02"),
      new Store("上海陆家嘴店", "Shanghai Lujiazui", "sh03"),
      new Store("杭州西溪印象城店", "Hangzhou Xixi Impression", "hz02"),
      new Store("宁波天一广场店", "Ningbo Tianyi Square", "nb01"),
      new Store("厦门中山路店", "Xiamen Zhongshan Rd", "xm01"),
      new Store("青岛万象城店", "Qingdao MixC", "qd01"),
      new Store("郑州二七万达店", "Zhengzhou Erqi Wanda", "zz01"),
      new Store("合肥银泰中心店", "Hefei Intime Centre", "hf01"),
      new Store("济南恒隆广场店", "Jinan Hang Lung Plaza", "jn01"),
      new Store("沈阳中街店", "Shenyang Zhongjie", "sy01"),
      new Store("大连恒隆店", "Dalian Hang Lung", "dl01"),
      new Store("昆明顺城店", "Kunming Shuncheng", "km01"),
      new Store("福州东街口店", "Fuzhou Dongjiekou", "fz01"),
      new Store("无锡恒隆店", "Wuxi Hang Lung", "wx01"),
      new Store("南宁万象城店", "Nanning MixC", "nn01"),
      new Store("贵阳花果园店", "Guiyang Huaguoyuan", "gy01"),
      new Store("哈尔滨中央大街店", "Harbin Central St", "hb01"),
      new Store("长春重庆路店", "Changchun Chongqing Rd", "cc01"),
      new Store("石家庄万象城店", "Shijiazhuang MixC", "sj01"),
      new Store("太原柳巷店", "Taiyuan Liuxiang", "ty01"),
      new Store("南昌红谷滩店", "Nanchang Honggutan", "nc01"),
      new Store("海口日月广场店", "Haikou Riyue Square", "hk01"),
      new Store("佛山岭南天地店", "Foshan Lingnan Tiandi", "fs01"),
      new Store("东莞万科广场店", "Dongguan Vanke Plaza", "dg01"),
      new Store("珠海富华里店", "Zhuhai Fuhuali", "zh01"),
      new Store("温州印象城店", "Wenzhou Impression City", "wz01"),
      new Store("常州新北万达店", "Changzhou Xinbei Wanda", "cz01"),
      new Store("上海静安嘉里店", "Shanghai Jing'an Kerry", "sh04"),
      new Store("北京西单大悦城店", "Beijing Xidan Joy City", "bj03"),
      new Store("深圳海岸城店", "Shenzhen Coastal City", "sz02"),
      new Store("广州正佳广场店", "Guangzhou Grandview", "gz02"),
      new Store("成都IFS店", "Chengdu IFS", "cd02"),
      new Store("杭州嘉里中心店", "Hangzhou Kerry Centre", "hz03"),
      new Store("南京新街口店", "Nanjing Xinjiekou", "nj02"),
      new Store("武汉楚河汉街店", "Wuhan Chuhe Hanjie", "wh02"),
      new Store("重庆观音桥店", "Chongqing Guanyinqiao", "cq02"),
      new Store("西安大唐不夜城店", "Xi'an Datang Everbright", "xa02"),
      new Store("上海五角场店", "Shanghai Wujiaochang", "sh05"));

  /** Tag library: group name followed by its tag names. */
  static final List<List<String>> TAG_LIBRARY = List.of(
      List.of("客户等级", "A类客户", "B类客户", "C类客户"),
      List.of("来源渠道", "门店活码", "朋友推荐", "直播", "小红书", "美团点评"),
      List.of("兴趣偏好", "护肤", "彩妆", "香氛", "身体护理"),
      List.of("生命周期", "新客", "活跃", "沉睡", "流失"),
      List.of("会员等级", "普通会员", "银卡会员", "金卡会员", "黑金会员"));

  /** The store at an index; past the list it repeats cities with a number ("上海南京西路2店"). */
  static Store store(int index) {
    Store base = STORES.get(index % STORES.size());
    int round = index / STORES.size();
    if (round == 0) {
      return base;
    }
    String name = base.name().substring(0, base.name().length() - 1) + (round + 1) + "店";
    String code = base.code().substring(0, 2) + String.format("%02d", index + 1);
    return new Store(name, base.nameEn() + " " + (round + 1), code);
  }

  private static List<Word> words(String... pairs) {
    return java.util.Arrays.stream(pairs).map(p -> {
      int space = p.indexOf(' ');
      return new Word(p.substring(0, space), p.substring(space + 1));
    }).toList();
  }
}
