"""The synthetic "leaked" sample tables of Lesson 2 and their answer keys.

Every value is invented by seeded generators (``random.Random``) from small built-in lists, so the
files are byte-identical on every machine and Python version. Identity numbers, bank cards and IMEIs
carry valid check digits; a real number can still coincide by chance, but no record describes a real
person. Formats vary as in real exports: +86 prefixes, grouped digits, lower-case x, full-width
characters, blanks and a few exact duplicate rows.
"""
from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lessons.content.course import Content, load_content
from lessons.content.reader import DATA_DIR, entries
from lessons.classify.check_digits import USCC_ALPHABET, luhn_check, resident_id_check, uscc_check
from lessons.classify.tables import DELIMITERS

SAMPLES_DIR = DATA_DIR / "samples"
KEYS_FILE = "keys.yaml"
SEED = 20170601  # the day the 2017 Interpretation took effect

# ---------------------------------------------------------------- small built-in lists

_SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江"
)
_SURNAME_WEIGHTS = [max(1.0, 20.0 - i * 0.3) for i in range(len(_SURNAMES))]
_GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉文婷浩宇轩涵欣怡诺桐俊思远佳琪航晨阳雪梅海燕秀鹏飞慧颖博然子梓雨晓东"
)

# (province, city, [(district, region code of the ID number)], roads, area code, (lat, lon), plate prefix)
_CITIES = [
    (
        "",
        "北京市",
        [("朝阳区", "110105"), ("海淀区", "110108"), ("东城区", "110101")],
        ["建国路", "学院路", "朝阳北路"],
        "010",
        (39.9042, 116.4074),
        "京",
    ),
    (
        "",
        "上海市",
        [("浦东新区", "310115"), ("徐汇区", "310104"), ("静安区", "310106")],
        ["世纪大道", "漕溪北路", "南京西路"],
        "021",
        (31.2304, 121.4737),
        "沪",
    ),
    (
        "广东省",
        "广州市",
        [("天河区", "440106"), ("越秀区", "440104"), ("海珠区", "440105")],
        ["天河路", "中山五路", "新港中路"],
        "020",
        (23.1291, 113.2644),
        "粤A",
    ),
    (
        "广东省",
        "深圳市",
        [("南山区", "440305"), ("福田区", "440304"), ("宝安区", "440306")],
        ["科技园路", "深南大道", "宝安大道"],
        "0755",
        (22.5431, 114.0579),
        "粤B",
    ),
    (
        "浙江省",
        "杭州市",
        [("西湖区", "330106"), ("上城区", "330102"), ("滨江区", "330108")],
        ["文三路", "解放路", "江南大道"],
        "0571",
        (30.2741, 120.1551),
        "浙A",
    ),
    (
        "四川省",
        "成都市",
        [("武侯区", "510107"), ("锦江区", "510104"), ("青羊区", "510105")],
        ["人民南路", "春熙路", "天府大道"],
        "028",
        (30.5728, 104.0668),
        "川A",
    ),
    (
        "湖北省",
        "武汉市",
        [("武昌区", "420106"), ("洪山区", "420111"), ("江汉区", "420103")],
        ["中南路", "珞喻路", "解放大道"],
        "027",
        (30.5928, 114.3055),
        "鄂A",
    ),
    (
        "江苏省",
        "南京市",
        [("玄武区", "320102"), ("鼓楼区", "320106"), ("秦淮区", "320104")],
        ["中山路", "北京西路", "中华路"],
        "025",
        (32.0603, 118.7969),
        "苏A",
    ),
    (
        "陕西省",
        "西安市",
        [("雁塔区", "610113"), ("碑林区", "610103"), ("未央区", "610112")],
        ["长安南路", "南大街", "未央路"],
        "029",
        (34.3416, 108.9398),
        "陕A",
    ),
    (
        "",
        "天津市",
        [("和平区", "120101"), ("南开区", "120104"), ("河西区", "120103")],
        ["南京路", "鞍山西道", "友谊路"],
        "022",
        (39.3434, 117.3616),
        "津",
    ),
]
_MOBILE_PREFIXES = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159",
    "166", "177", "180", "181", "186", "187", "188", "189", "191", "199",
]
_CARD_BINS = ["622202", "621700", "622848", "622588", "621226", "622609", "623058", "625907"]
_TACS = ["35332510", "86453104", "35891108", "86970603", "35402211", "86765403"]
_OUIS = ["28:6c:07", "f4:8b:32", "a4:50:46", "3c:cd:57", "98:00:6a", "ac:c1:ee"]
_EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com"]
_PINYIN = [
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "hu", "lin",
    "xiao", "ming", "hua", "jie", "ying", "fang", "yu", "hao", "tian", "lei",
]
_COMPANY_WORDS = ["星河", "云帆", "恒信", "金桥", "远景", "华辰", "启明", "瑞丰", "博达", "安泰"]
_INDUSTRIES = ["网络科技", "贸易", "物流", "文化传媒", "电子商务", "建筑工程", "医药", "餐饮管理"]
_PRODUCTS = [
    "无线蓝牙耳机", "保温杯", "儿童绘本套装", "男士运动鞋", "护肤精华液", "机械键盘", "猫粮10kg", "电动牙刷", "羽绒服",
    "空气炸锅",
]
_DEPARTMENTS = ["内科", "外科", "儿科", "妇科", "骨科", "皮肤科", "眼科", "口腔科", "耳鼻喉科"]
_DIAGNOSES = [
    "上呼吸道感染", "2型糖尿病", "高血压", "急性胃肠炎", "过敏性鼻炎", "腰椎间盘突出", "焦虑状态", "湿疹", "龋齿",
    "近视", "妊娠期检查", "骨折术后复查",
]
_CREDIT = [
    "无逾期记录", "近24个月逾期1次", "近24个月逾期3次", "当前逾期，逾期金额3200元", "信用卡呆账1笔",
    "近6个月贷款审批查询5次",
]
_RELATIONS = ["父亲", "母亲", "配偶", "儿子", "女儿", "哥哥", "妹妹"]
_PHONES = ["Xiaomi 13", "HUAWEI Mate 60", "iPhone 14", "OPPO Reno10", "vivo X90", "Honor 90", "iPhone 15 Pro"]
_OS = ["Android 13", "Android 14", "HarmonyOS 4.0", "iOS 17.2", "iOS 16.6"]
_EVENTS = ["app_open", "search", "view_item", "share", "logout", "play_video"]
_SMS = [
    "【快递】您的包裹已到{place}驿站，取件码{code}，请及时领取。",
    "妈，我到{city}了，晚点给你打电话。",
    "明天上午十点在{place}门口见，别迟到！",
    "您的验证码为{code}，5分钟内有效，请勿泄露给他人。",
    "王经理，合同我已经改好了，发你邮箱了，请查收。",
    "今晚加班，不回家吃饭了，孩子作业记得签字。",
    "【银行】您尾号{tail}的卡消费{amount}元，如非本人操作请致电客服。",
]

_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


class _Gen:
    """Random synthetic values from one seeded generator."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    def name(self) -> str:
        surname = self.r.choices(_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
        return surname + "".join(self.pick(_GIVEN) for _ in range(1 + self.chance(0.7)))

    def city(self):
        return self.pick(_CITIES)

    def birth(self) -> tuple[int, int, int]:
        return 1950 + self.r.randrange(56), 1 + self.r.randrange(12), 1 + self.r.randrange(28)

    def resident_id(self, city, birth, male: bool) -> str:
        region = self.pick(city[2])[1]
        seq = self.digits(2) + str(self.pick([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8]))
        body = f"{region}{birth[0]:04d}{birth[1]:02d}{birth[2]:02d}{seq}"
        return body + resident_id_check(body)

    def id_format(self, number: str) -> str:
        roll = self.r.random()
        if roll < 0.15 and number.endswith("X"):
            return number[:-1] + "x"
        if roll < 0.25:
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        if roll < 0.30:
            return number.translate(_FULL_WIDTH)
        return number

    def mobile(self) -> str:
        return self.pick(_MOBILE_PREFIXES) + self.digits(8)

    def mobile_format(self, number: str) -> str:
        roll = self.r.random()
        if roll < 0.12:
            return "+86 " + number
        if roll < 0.20:
            return "+86" + number
        if roll < 0.30:
            return f"{number[:3]} {number[3:7]} {number[7:]}"
        if roll < 0.36:
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if roll < 0.40:
            return number.translate(_FULL_WIDTH)
        return number

    def landline(self, city) -> str:
        area = city[4]
        local = str(self.r.randrange(2, 9)) + self.digits(7 if len(area) == 3 else 6 + self.chance(0.5))
        roll = self.r.random()
        if roll < 0.2:
            return f"({area}){local}"
        if roll < 0.3:
            return f"+86 {area[1:]} {local}"
        return f"{area}-{local}"

    def address(self, city) -> str:
        district = self.pick(city[2])[0]
        road = self.pick(city[3])
        where = f"{city[0]}{city[1]}{district}{road}{self.r.randrange(1, 400)}号"
        if self.chance(0.7):
            where += (
                f"{self.r.randrange(1, 30)}栋{self.r.randrange(1, 6)}单元"
                f"{self.r.randrange(1, 33)}{self.r.randrange(1, 5):02d}室"
            )
        return where

    def email(self) -> str:
        user = (
            self.pick(_PINYIN) + self.pick(_PINYIN) + (self.digits(self.r.randrange(2, 5)) if self.chance(0.7) else "")
        )
        return f"{user}@{self.pick(_EMAIL_DOMAINS)}"

    def bank_card(self) -> str:
        length = self.pick([16, 16, 19])
        number = _luhn_complete(self.pick(_CARD_BINS) + self.digits(length - 7))
        return " ".join(number[i:i + 4] for i in range(0, length, 4)) if self.chance(0.4) else number

    def imei(self) -> str:
        return _luhn_complete(self.pick(_TACS) + self.digits(6))

    def mac(self) -> str:
        tail = ":".join(f"{self.r.randrange(256):02x}" for _ in range(3))
        value = f"{self.pick(_OUIS)}:{tail}"
        return value.upper().replace(":", "-") if self.chance(0.3) else value

    def ip(self) -> str:
        if self.chance(0.2):
            return (
                "240e:"
                + ":".join(f"{self.r.randrange(65536):x}" for _ in range(3))
                + "::"
                + f"{self.r.randrange(1, 65536):x}"
            )
        return (
            f"{self.pick([36, 58, 113, 116, 183, 222])}.{self.r.randrange(256)}."
            f"{self.r.randrange(256)}.{self.r.randrange(1, 255)}"
        )

    def position(self, city) -> str:
        lat, lon = city[5]
        points = []
        for _ in range(1 if self.chance(0.5) else 3):
            points.append(f"{lat + self.r.uniform(-0.08, 0.08):.6f},{lon + self.r.uniform(-0.08, 0.08):.6f}")
        return ";".join(points)

    def plate(self, city) -> str:
        prefix = city[6]
        if len(prefix) == 1:
            prefix += self.pick("ABCEFGHJKLMNPQ")
        body = "".join(
            self.pick("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") if i in (0, 1) else self.pick("0123456789")
            for i in range(5)
        )
        return prefix + body

    def uscc(self, city) -> str:
        body = "91" + self.pick(city[2])[1] + "".join(self.pick(USCC_ALPHABET) for _ in range(9))
        return body + uscc_check(body)

    def company(self, city) -> str:
        return f"{city[1][:-1]}{self.pick(_COMPANY_WORDS)}{self.pick(_INDUSTRIES)}有限公司"

    def moment(self, year: int = 2023) -> tuple[int, int, int, int, int, int]:
        return (
            year,
            1 + self.r.randrange(12),
            1 + self.r.randrange(28),
            self.r.randrange(24),
            self.r.randrange(60),
            self.r.randrange(60),
        )

    def blank(self, value: str, p: float) -> str:
        return "" if self.chance(p) else value


def _luhn_complete(body: str) -> str:
    return body + luhn_check(body)


def _stamp(m, seconds: bool = True) -> str:
    text = f"{m[0]:04d}-{m[1]:02d}-{m[2]:02d} {m[3]:02d}:{m[4]:02d}"
    return text + f":{m[5]:02d}" if seconds else text


def _later(m, hours: int):
    """A moment ``hours`` later, kept simple: days roll within a 28-day month."""
    total = m[3] + hours
    day = m[2] + total // 24
    month = m[1] + (day - 1) // 28
    return m[0] + (month - 1) // 12, (month - 1) % 12 + 1, (day - 1) % 28 + 1, total % 24, m[4], m[5]


# ---------------------------------------------------------------- the tables


def _shop_orders(g: _Gen):
    columns = {"下单时间": "transaction_record", "收货人": "name", "手机号": "mobile_number", "收货地址": "address",
               "商品名称": "transaction_record", "实付金额": "transaction_record", "商家统一社会信用代码": None}
    sellers = [g.uscc(g.city()) for _ in range(6)]
    rows = []
    for _ in range(300):
        city = g.city()
        rows.append([_stamp(g.moment()), g.name(), g.blank(g.mobile_format(g.mobile()), 0.03), g.address(city),
                     g.pick(_PRODUCTS), f"{g.r.randrange(990, 129900) / 100:.2f}", g.pick(sellers)])
    return columns, rows


def _hotel_checkins(g: _Gen):
    columns = {"序号": None, "入住人": "name", "性别": "gender", "证件号码": "resident_id", "手机": "mobile_number",
               "入住时间": "hotel_stay", "退房时间": "hotel_stay", "房间号": "hotel_stay", "车牌号": "licence_plate"}
    rows = []
    for i in range(1, 261):
        city, male = g.city(), g.chance(0.5)
        start = g.moment(2022)
        rows.append(
            [
                str(i),
                g.name(),
                "男" if male else "女",
                g.id_format(g.resident_id(city, g.birth(), male)),
                g.mobile_format(g.mobile()),
                _stamp(start, seconds=False),
                _stamp(_later(start, 14 + 24 * g.r.randrange(4)), seconds=False),
                f"{g.r.randrange(2, 19)}{g.r.randrange(1, 40):02d}",
                g.blank(g.plate(city), 0.6),
            ]
        )
    return columns, rows


def _telecom_records(g: _Gen):
    columns = {
        "subscriber_name": "name",
        "msisdn": "mobile_number",
        "other_party": "call_record",
        "call_start": "call_record",
        "call_duration": "call_record",
        "sms_text": "message_content",
    }
    people = [(g.name(), "+86" + g.mobile()) for _ in range(40)]
    rows = []
    for _ in range(400):
        who, number = g.pick(people)
        city = g.city()
        is_sms = g.chance(0.35)
        text = ""
        if is_sms:
            text = g.pick(_SMS).format(
                place=g.pick(city[3]), city=city[1], code=g.digits(6), tail=g.digits(4), amount=g.r.randrange(20, 3000)
            )
        rows.append(
            [
                who,
                number,
                g.mobile_format(g.mobile()),
                _stamp(g.moment()),
                "" if is_sms else str(g.r.randrange(5, 1800)),
                text,
            ]
        )
    return columns, rows


def _app_telemetry(g: _Gen):
    columns = {
        "col1": "imei",
        "col2": "mac_address",
        "col3": "ip_address",
        "col4": "location_track",
        "device_model": "device_details",
        "os_version": "device_details",
        "event_time": "online_activity",
        "app_event": "online_activity",
    }
    devices = [(g.imei(), g.mac(), g.pick(_PHONES), g.pick(_OS), g.city()) for _ in range(60)]
    rows = []
    for _ in range(450):
        imei_no, mac_no, model, os_name, city = g.pick(devices)
        rows.append(
            [
                imei_no,
                mac_no,
                g.ip(),
                g.blank(g.position(city), 0.4),
                model,
                os_name,
                _stamp(g.moment(2024)),
                g.pick(_EVENTS),
            ]
        )
    return columns, rows


def _clinic_visits(g: _Gen):
    columns = {
        "患者姓名": "name",
        "性别": "gender",
        "出生日期": "birth_date",
        "身份证号": "resident_id",
        "联系电话": "landline_number",
        "就诊日期": "health_record",
        "科室": "health_record",
        "诊断": "health_record",
    }
    rows = []
    for _ in range(220):
        city, male, birth = g.city(), g.chance(0.5), g.birth()
        m = g.moment(2023)
        rows.append([g.name(), "男" if male else "女", f"{birth[0]:04d}-{birth[1]:02d}-{birth[2]:02d}",
                     g.id_format(g.resident_id(city, birth, male)), g.blank(g.landline(city), 0.05),
                     f"{m[0]:04d}-{m[1]:02d}-{m[2]:02d}", g.pick(_DEPARTMENTS), g.pick(_DIAGNOSES)])
    return columns, rows


def _social_profiles(g: _Gen):
    columns = {"wechat_id": "social_account", "real_name": "name", "email": "email", "employer": "occupation_employer",
               "friends": "friend_relationship", "family": "family_member"}
    ids = [f"wxid_{''.join(g.pick('abcdefghijkmnpqrstuvwxyz23456789') for _ in range(10))}" for _ in range(300)]
    rows = []
    for user in ids:
        city = g.city()
        friends = ";".join(g.pick(ids) for _ in range(g.r.randrange(1, 5)))
        family = ";".join(f"{g.pick(_RELATIONS)}:{g.name()}" for _ in range(g.r.randrange(1, 4)))
        rows.append(
            [user, g.name(), g.blank(g.email(), 0.1), g.blank(g.company(city), 0.15), friends, g.blank(family, 0.2)]
        )
    return columns, rows


def _loan_applications(g: _Gen):
    columns = {
        "申请人": "name",
        "id_no": "resident_id",
        "mobile": "mobile_number",
        "月收入": "income",
        "bank_card": "bank_card",
        "征信记录": "credit_record",
        "工作单位": "occupation_employer",
        "单位统一社会信用代码": None,
        "家庭住址": "address",
    }
    rows = []
    for _ in range(180):
        city, male = g.city(), g.chance(0.5)
        employed = g.chance(0.8)
        rows.append(
            [
                g.name(),
                g.id_format(g.resident_id(city, g.birth(), male)),
                g.mobile_format(g.mobile()),
                g.blank(str(g.r.randrange(30, 400) * 100), 0.3),
                g.blank(g.bank_card(), 0.05),
                g.blank(g.pick(_CREDIT), 0.3),
                g.company(city) if employed else "",
                g.uscc(city) if employed else "",
                g.address(city),
            ]
        )
    return columns, rows


@dataclass(frozen=True)
class Spec:
    id: str
    file: str
    encoding: str
    delimiter: str
    newline: str
    duplicates: int
    build: Callable[[_Gen], tuple[dict, list[list[str]]]]


SPECS = (
    Spec("shop_orders", "shop_orders.csv", "utf-8-sig", ",", "\r\n", 6, _shop_orders),
    Spec("hotel_checkins", "hotel_checkins.csv", "gbk", ",", "\r\n", 4, _hotel_checkins),
    Spec("telecom_records", "telecom_records.tsv", "utf-8", "\t", "\n", 5, _telecom_records),
    Spec("app_telemetry", "app_telemetry.csv", "utf-8", ",", "\n", 3, _app_telemetry),
    Spec("clinic_visits", "clinic_visits.csv", "utf-8", ",", "\n", 4, _clinic_visits),
    Spec("social_profiles", "social_profiles.csv", "utf-8", ",", "\n", 3, _social_profiles),
    Spec("loan_applications", "loan_applications.csv", "utf-8", ",", "\n", 2, _loan_applications),
)
DATASET_IDS = tuple(s.id for s in SPECS)


def _table(spec: Spec, seed: int) -> tuple[dict, list[list[str]]]:
    g = _Gen(seed)
    columns, rows = spec.build(g)
    # Leaks are often concatenated exports: re-insert some exact copies of earlier rows.
    for _ in range(spec.duplicates):
        rows.insert(g.r.randrange(len(rows) // 2, len(rows)), list(rows[g.r.randrange(len(rows) // 2)]))
    return columns, rows


def _csv_bytes(spec: Spec, header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=spec.delimiter, lineterminator=spec.newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(spec.encoding)


def _key_lines(spec: Spec, columns: dict, rows: int, content: Content) -> list[str]:
    lines = [
        f"- id: {spec.id}",
        f"  file: {spec.file}",
        f"  encoding: {spec.encoding}",
        f"  delimiter: {json.dumps(spec.delimiter)}",
        f"  rows: {rows}",
        f"  duplicates: {spec.duplicates}",
        "  columns:",
    ]
    for column, type_id in columns.items():
        t = content.info_types[type_id] if type_id else None
        entry = {"column": column, "info_type": type_id, "category": t and t.category, "tier": t and t.tier}
        lines.append("    - " + json.dumps(entry, ensure_ascii=False))
    return lines


def generate(out_dir: Path | str = SAMPLES_DIR, seed: int = SEED, content: Content | None = None) -> list[Path]:
    """Write every sample table and ``keys.yaml`` into ``out_dir``; the same seed gives the same bytes."""
    content = content or load_content()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    keys = ["# Answer keys of the sample tables: column -> information type -> category -> tier.",
            "# Written by `python -m lessons generate`; do not edit by hand (regenerate instead).",
            "# info_type null = the column does not describe a natural person."]
    for number, spec in enumerate(SPECS):
        columns, rows = _table(spec, seed + 1000 * number)
        path = out_dir / spec.file
        path.write_bytes(_csv_bytes(spec, list(columns), rows))
        written.append(path)
        keys += _key_lines(spec, columns, len(rows), content)
    key_path = out_dir / KEYS_FILE
    key_path.write_bytes(("\n".join(keys) + "\n").encode("utf-8"))
    return written + [key_path]


# ---------------------------------------------------------------- reading the keys


@dataclass(frozen=True)
class DatasetKey:
    """The answer key of one sample table."""

    id: str
    file: str
    encoding: str
    delimiter: str
    rows: int
    duplicates: int
    columns: dict[str, str | None]  # column -> info type id (None: not personal)

    @property
    def path(self) -> Path:
        return SAMPLES_DIR / self.file


def load_keys(path: Path | str | None = None, content: Content | None = None) -> dict[str, DatasetKey]:
    """The answer keys, checked against the information types of the content layer."""
    content = content or load_content()
    path = Path(path) if path else SAMPLES_DIR / KEYS_FILE
    out = {}
    for e in entries(path):
        columns: dict[str, str | None] = {}
        raw = e.raw("columns")
        if not isinstance(raw, list) or not raw:
            e.fail("columns", "must be a non-empty list")
        for item in raw:
            if not isinstance(item, dict) or not isinstance(item.get("column"), str):
                e.fail("columns", f"has an entry without a column name: {item!r}")
            type_id = item.get("info_type")
            expected = content.info_types.get(type_id) if type_id else None
            if type_id and expected is None:
                e.fail("columns", f"column {item['column']!r} names unknown information type {type_id!r}")
            if (item.get("category"), item.get("tier")) != (
                (expected.category, expected.tier) if expected else (None, None)
            ):
                e.fail("columns", f"column {item['column']!r}: category/tier disagree with info_types.yaml")
            columns[item["column"]] = type_id
        out[e.str("id")] = DatasetKey(e.str("id"), e.str("file"), e.str("encoding"), e.choice("delimiter", DELIMITERS),
                                      e.int("rows", 1), e.int("duplicates"), columns)
    return out


def load_sample(dataset_id: str):
    """The shipped sample table ``dataset_id`` as a :class:`lessons.classify.tables.Table`."""
    from lessons.classify.tables import read_table

    spec = {s.id: s for s in SPECS}.get(dataset_id)
    if spec is None:
        from lessons.content.errors import LessonsError

        raise LessonsError.of("unknown_sample_table", name=repr(dataset_id), options=", ".join(DATASET_IDS))
    return read_table(SAMPLES_DIR / spec.file)
