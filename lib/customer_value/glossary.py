"""The course's bilingual glossary (术语表): English term, Chinese term, one-line definition."""

from __future__ import annotations

import pandas as pd

#: (English, 中文, definition) for each key concept, in the order the course introduces them.
TERMS: tuple[tuple[str, str, str], ...] = (
    ("customer value", "客户价值", "What a customer is worth to the firm, or what an offer is worth to the customer."),
    ("customer lifetime value (CLV)", "客户终身价值", "The value of a customer's purchases over the whole relationship."),
    ("narrow CLV", "狭义客户终身价值", "CLV as the plain sum of the cash flows during the relationship, undiscounted."),
    ("broad CLV", "广义客户终身价值", "CLV as the present value of all future cash flows, discounted."),
    ("discount rate", "折现率", "Rate per period at which future money is worth less than money today."),
    ("present value", "现值", "A future amount divided by (1 + discount rate) to the power of the periods waited."),
    ("retention rate", "客户保留率", "Share of this period's customers who still buy next period."),
    ("churn rate", "客户流失率", "Share of customers lost per period: 1 − retention rate."),
    ("margin", "利润贡献 / 毛利", "Profit a customer brings per period: revenue minus the cost of serving them."),
    ("margin multiple", "利润乘数", "Lifetime value as a multiple of one period's margin: r / (1 + d − r)."),
    ("acquisition cost", "获客成本", "What the firm spends to win one new customer."),
    ("word of mouth", "口碑传播", "Customers telling others about their experience, winning or losing customers."),
    ("conversion rate", "转化率", "Share of people reached who become (or stop being) customers."),
    ("customer satisfaction", "客户满意度", "How well the customer's experience met their expectations."),
    ("customer loyalty", "客户忠诚度", "The customer's commitment to keep buying and recommend the firm."),
    ("perceived value", "客户感知价值", "The customer's own judgement of what an offer gives them against what it costs them."),
    ("customer delivered value", "顾客让渡价值", "Kotler: total customer value minus total customer cost; the customer picks the offer where it is highest."),
    ("total customer value", "顾客总价值", "Everything the customer gets: product, service, personnel and image value."),
    ("total customer cost", "顾客总成本", "Everything the customer gives up: money, time, energy and psychic cost."),
    ("product value", "产品价值", "Kotler: what the product's quality, features and performance are worth to the customer."),
    ("service value", "服务价值", "Kotler: what delivery, installation, training and after-sales support are worth to the customer."),
    ("personnel value", "人员价值", "Kotler: what the staff's knowledge, courtesy and responsiveness are worth to the customer."),
    ("image value", "形象价值", "Kotler: what the brand's and firm's image means to the customer; holds the seeds' emotional and social value."),
    ("monetary cost", "货币成本", "The price the customer pays, plus running costs."),
    ("time cost", "时间成本", "Time the customer spends searching, travelling, queueing and waiting."),
    ("energy cost", "体力成本 / 精力成本", "Physical effort the customer spends to obtain and use the offer."),
    ("psychic cost", "精神成本 / 心理成本", "Worry, stress and risk the customer bears in buying and using the offer."),
    ("perceived-value pricing", "感知价值定价法", "Setting the price from what the customer believes the offer is worth, not from its cost."),
    ("value/cost ratio", "价值成本比", "Kotler's ratio form of delivered value: total customer value divided by total customer cost."),
    ("commercial value of a customer", "客户商业价值", "The direct and indirect economic value a customer brings the firm, net of the cost of serving them."),
    ("key-indicator method", "关键指标法", "Valuing customers by one indicator, usually their profit contribution rate."),
    ("profit contribution rate", "利润贡献率", "A customer's profit as a share of the total profit of all customers."),
    ("comprehensive evaluation method", "综合评价法", "Valuing customers by a weighted sum of scores on several criteria."),
    ("existing value", "既有价值", "The value a customer has already brought, e.g. past profit."),
    ("potential value", "潜在价值", "The value a customer may still bring: future purchases, more categories, growth."),
    ("influence value", "影响价值", "Value a customer brings through others: referrals, word of mouth, being a reference."),
    ("learning value", "学习价值", "Value from what the firm learns from a customer: feedback, ideas, co-created products."),
    ("analytic hierarchy process (AHP)", "层次分析法", "Saaty's method: weights from pairwise comparisons, as the principal eigenvector of the comparison matrix."),
    ("consistency ratio (CR)", "一致性比率", "AHP check of contradictory judgements: CI divided by the random index; below 0.10 is acceptable."),
    ("pairwise comparison matrix", "判断矩阵", "AHP's table of how many times more important each criterion is than each other one (1-9 scale)."),
    ("min-max scaling", "极差标准化", "Rescaling values to 0-100 as (x − min) / (max − min) × 100."),
    ("Spearman rank correlation", "斯皮尔曼等级相关系数", "Correlation of two rankings: +1 same order, 0 unrelated, −1 reversed."),
    ("ABC classification", "ABC 分类法", "Classes by cumulative share of value: A up to 80 %, B up to 95 %, C the rest."),
    ("customer pyramid", "客户金字塔", "Zeithaml, Rust & Lemon's tiers by profitability: platinum, gold, iron and lead."),
    ("current value", "目前价值 / 当前价值", "What a customer is worth to the firm now, e.g. last year's profit."),
    ("future value", "未来价值", "What a customer is expected to be worth from now on, e.g. predicted profit."),
    ("customer value matrix (A–F)", "客户分级矩阵（A–F 类）", "Classes A–F by current value (high/low) × future value (high/medium/low), each with its strategy."),
    ("cost to serve", "服务成本", "What serving a customer costs beyond the goods sold: app, coupons, mailings, service time."),
    ("classification indicators", "分类指标", "Variables used to segment customers: gender, age, region, spend, needs, income, preferences."),
    ("comprehensive value", "综合价值", "Current and future value taken together, e.g. last year's profit plus next year's expected profit."),
    ("customer tiering", "客户分级管理", "Serving classes of customers differently according to their value."),
    ("acquisition vs retention spending", "投资于新业务与投资于留住客户", "The trade-off between spending to win new customers and spending to keep existing ones."),
    ("cohort", "客户群组", "Customers acquired in the same period and followed together over time."),
    ("Dwyer method", "DWYER 方法（杜瓦尔方法）", "Lifetime value computed by following one cohort's retention, revenue and cost period by period."),
    ("customer-event method", "客户事件预测法", "Forecast when each customer's purchases and other events occur and assign revenue and cost to each, giving a profit forecast per customer."),
    ("cumulative NPV", "累计净现值", "Running sum of a cohort's discounted yearly profits; at the horizon, the group's lifetime value."),
    ("customer-retention table", "客户保留表", "Year-by-year table of a cohort: active customers, revenue, cost, profit, discount factor, NPV, cumulative NPV."),
    ("lost-for-good customer", "永久流失型客户", "A customer who, once gone, does not return; the assumption of the retention table."),
    ("always-a-share customer", "暂时流失型客户", "A customer who buys from several firms and may pause and come back; modelled by recency (migration model)."),
    ("break-even acquisition cost", "获客成本盈亏平衡点", "The most a firm can spend to win a customer: the CLV per customer before acquisition cost."),
    ("recency", "最近一次消费 / 近度", "Time since the customer's last purchase (RFM's R); shorter is better."),
    ("frequency", "消费频率 / 频度", "How often the customer buys (RFM's F)."),
    ("monetary value", "消费金额 / 额度", "How much the customer spends (RFM's M)."),
    ("RFM analysis", "RFM 分析", "Scoring and segmenting customers by recency, frequency and monetary value."),
    ("customer segment", "客户细分 / 客户群", "A group of customers treated alike because they behave alike."),
    ("quintile", "五分位", "One of five equal-sized groups after sorting; RFM scores 1-5 are quintiles."),
    ("Pareto principle (80/20 rule)", "二八法则", "The claim that about 20 % of customers bring about 80 % of profit."),
    ("Lorenz curve", "洛伦兹曲线", "Cumulative share of value against cumulative share of customers, least valuable first."),
    ("Gini coefficient", "基尼系数", "Concentration of value: 0 when all customers are worth the same, near 1 when one has all."),
    ("buy till you die (BTYD) model", "BTYD 模型（买到离开）", "A model in which customers buy at random while active and leave unobserved at some point."),
    ("BG/NBD model", "BG/NBD 模型", "BTYD model: Poisson purchases at a gamma-distributed rate, beta-distributed dropout after each repeat purchase."),
    ("Gamma-Gamma model", "Gamma-Gamma 消费金额模型", "Model of the spend per purchase, shrinking each customer's average towards the population mean."),
    ("probability alive, P(alive)", "客户存活概率", "Probability that a customer has not yet left, given when and how often they bought."),
    ("calibration and holdout periods", "校准期与验证期", "Data used to fit a model, and later data kept back to test its forecasts."),
    ("reputation damage coefficient", "商业信誉损害系数", "Seed 000's share x (0.15) of value lost to a damaged reputation when a customer leaves unhappy."),
    ("customer satisfaction survey", "客户满意度调查", "Asking customers, on fixed answer scales, how satisfied they are and whether they would buy again or recommend."),
    ("Net Promoter Score (NPS)", "净推荐值", "Reichheld: % promoters (9–10) − % detractors (0–6) on a 0–10 likelihood-to-recommend question; −100 to +100."),
    ("promoter", "推荐者", "A respondent who answers 9 or 10 to how likely they are to recommend the firm."),
    ("passive", "被动者 / 中立者", "A respondent who answers 7 or 8: counted in the total, in neither group."),
    ("detractor", "贬损者", "A respondent who answers 0 to 6 to how likely they are to recommend the firm."),
    ("customer satisfaction score (CSAT)", "客户满意度得分", "Share of respondents at or above 'satisfied' on a rating scale, e.g. 4 or 5 on 1–5."),
    ("top-two box", "前两项比例", "The share answering one of the two best points of a scale; the usual CSAT."),
    ("repurchase rate", "复购率", "Share of customers who buy again within a given period."),
    ("complaint handling", "投诉处理", "Receiving, resolving and following up customers' complaints."),
    ("service recovery", "服务补救", "Putting right a failed service so that the customer stays; its value is the customers kept and the bad word of mouth avoided."),
    ("completely satisfied customer", "非常满意客户", "A customer giving the top score; Jones & Sasser (1995) found only these truly loyal."),
    ("service gesture", "服务举措", "A small extra service (free snack, refill, greeting) meant to raise satisfaction and retention."),
    ("break-even uplift", "盈亏平衡保留率提升", "The retention gain a service measure must buy to pay for its cost."),
    ("PDP personality profile", "PDP 性格分析", "Scores of five behaviour styles from a 30-statement questionnaire, from three perspectives; a teaching instrument here, not a validated test."),
    ("tiger (dominance)", "老虎型（支配型）", "Results-driven, quick to decide, wants control; communicate fast and bottom line first."),
    ("peacock (expressiveness)", "孔雀型（表达型）", "Sociable, enthusiastic, seeks recognition; communicate warmly with stories, details in writing later."),
    ("koala (patience)", "考拉型（耐心型）/ 熊猫", "Steady, gentle, avoids conflict, slow to decide; communicate patiently, stressing security."),
    ("owl (precision)", "猫头鹰型（精确型）/ 啄木鸟", "Orderly, analytical, detail-minded; communicate with accurate data and no exaggeration."),
    ("chameleon (adaptability)", "变色龙型（整合型）", "Adapts to the situation and mediates; in the scoring, a flat profile or a tie for the top score."),
    ("natural / at work / as others see you", "天生 / 工作中 / 别人眼中", "The three perspectives from which the PDP profile is scored and compared."),
    ("communication process", "沟通过程", "Sender encodes a message, a channel carries it, the receiver decodes it and gives feedback; noise can distort every stage."),
    ("encoding / decoding", "编码 / 解码", "Turning an idea into words, tone and gestures; interpreting them through one's own experience and mood."),
    ("feedback", "反馈", "The receiver's response, which tells the sender what was understood."),
    ("noise", "噪声（干扰）", "Anything that distorts a message: a bad line, a busy shop, jargon, anger."),
    ("communication barrier", "沟通障碍", "Something that stops a message being understood as meant; seed 001 gives six ways to avoid them."),
    ("communication tool (channel)", "沟通工具（沟通媒介）", "The means of contact: face to face, phone, SMS, internet platforms, letter, call centre, on-site demonstration."),
    ("cost per contact", "单次接触成本", "What one contact with one customer costs the firm through a channel (staff time, travel, charges)."),
    ("call centre", "呼叫中心", "A unit that handles many customers' calls, logged and ticketed."),
    ("on-site demonstration", "现场演示", "Showing the product working to customers who can see and try it; effective but costly (效果明显，难度大)."),
    ("body language", "肢体语言", "Posture, gaze and gestures; they shape whether the customer believes the words."),
    ("tone of voice", "语气", "How something is said; on the phone, the only 'body language' there is."),
    ("listening", "倾听", "Letting the customer finish, summing up and asking, so that feedback flows."),
    ("telephone service code of conduct", "电话服务规范", "House rules for calls: answer within two rings, greet with the company and your name, call back within 5 minutes, say 您."),
    ("role play", "角色扮演", "Practising a conversation in pairs, one student as the customer."),
    ("autograding", "自动评分", "Scoring submitted notebooks by running their tests."),
    ("hidden tests", "隐藏测试", "Checks the instructor runs when grading that students do not see beforehand."),
    ("exchange directory", "交换目录", "nbgrader's shared folder through which assignments are released, submissions collected and feedback returned."),
    ("SWOT analysis", "SWOT 分析", "Strengths and weaknesses (internal) against opportunities and threats (external); a strategy pairs what the firm can do with what it might do."),
    ("macro environment", "宏观环境", "Policy, economic, social and technological conditions outside the firm that create opportunities and risks for its market."),
    ("one-page summary", "一页纸总结", "A manager's page: the key numbers, four charts and recommendations tied to customer tiers."),
    ("sunrise industry", "朝阳行业", "A fast-growing industry; the course material's five: 服装家纺, 休闲食品, 观光旅游, 健身美容, 教育培训."),
)


def glossary() -> pd.DataFrame:
    """The glossary as a table with columns ``english``, ``chinese``, ``definition``."""
    return pd.DataFrame(TERMS, columns=["english", "chinese", "definition"])


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown() -> str:
    """The glossary as a Markdown page (docs/glossary.md is this text; a test keeps them equal)."""
    rows = [
        "# Glossary · 术语表",
        "",
        "The course's key terms in English and Chinese, in the order the lessons introduce them.",
        "Generated from `customer_value.glossary` by `python -m customer_value.glossary > docs/glossary.md`;",
        "in a notebook: `cv.glossary.glossary()` (a table) or `cv.glossary.term(\"retention rate\")`.",
        "",
        "| English | 中文 | definition |",
        "|---|---|---|",
    ]
    rows += [f"| {_cell(name)} | {_cell(chinese)} | {_cell(definition)} |" for name, chinese, definition in TERMS]
    return "\n".join(rows) + "\n"


def term(english: str) -> str:
    """"English (中文)" for a glossary term, e.g. ``term("retention rate")``."""
    for name, chinese, _ in TERMS:
        if name.lower() == english.lower():
            return f"{name} ({chinese})"
    raise ValueError(f"{english!r} is not in the glossary; see customer_value.glossary.glossary()")


if __name__ == "__main__":
    print(to_markdown(), end="")
