"""Target phrases in the styles of plans, work reports and division-of-labour tables.

Each row is ``text | basis | comparator | value | upper | unit | direction | hedged | year``
(an empty cell is null; ``h`` marks a hedged target). They go beyond the labelled samples:
the parser must read the grammar, not the rows. Where the spec is silent, the row records the
decision taken in ``lantu/targets/parse.py`` (look for "Decision:").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from lantu.targets.parse import parse_target

TABLE = """
力争达到3.5万元 | level | eq | 3.5 |  | 万元 |  | h |
不低于95% | level | ge | 95 |  | % |  |  |
≥98% | level | ge | 98 |  | % |  |  |
3‰以下 | level | le | 3 |  | ‰ |  |  |
五年累计新增就业岗位5万个 | cumulative | eq | 5 |  | 万个 | increase |  |
单位GDP能耗下降13.5% | growth | eq | 13.5 |  | % | decrease |  |
二〇二五年达到80% | level | eq | 80 |  | % |  |  | 2025
国内生产总值增长5%左右 | growth | approx | 5 |  | % | increase |  |
城镇新增就业1200万人以上 | increment | ge | 1200 |  | 万人 | increase |  |
城镇调查失业率5.5%左右 | level | approx | 5.5 |  | % |  |  |
居民消费价格涨幅3%左右 | level | approx | 3 |  | % |  |  |
粮食产量1.3万亿斤以上 | level | ge | 1.3 |  | 万亿斤 |  |  |
单位国内生产总值能耗降低2.5%左右 | growth | approx | 2.5 |  | % | decrease |  |
居民收入增长和经济增长同步 | relative | approx |  |  |  |  |  |
主要污染物排放量继续下降 | qualitative |  |  |  |  | decrease |  |
人口自然增长率控制在6‰以内 | level | le | 6 |  | ‰ |  |  |
城镇化率提高2个百分点 | pp_change | eq | 2 |  | 个百分点 | increase |  |
城镇居民人均可支配收入年均增长7% | annual_growth | eq | 7 |  | % | increase |  |
“十四五”年均增长7.5% | annual_growth | eq | 7.5 |  | % | increase |  |
人均预期寿命提高1岁 | increment | eq | 1 |  | 岁 | increase |  |
农村贫困人口减少1000万以上 | increment | ge | 1000 |  | 万 | decrease |  |
比2020年下降13.5% | growth | eq | 13.5 |  | % | decrease |  |
到2025年比2020年下降13.5% | growth | eq | 13.5 |  | % | decrease |  | 2025
单位生产总值能耗比2010年降低16% | growth | eq | 16 |  | % | decrease |  |
PM2.5年均浓度控制在35微克/立方米以下 | level | le | 35 |  | 微克/立方米 |  |  |
每万人口高价值发明专利拥有量达到30件左右 | level | approx | 30 |  | 件 |  |  |
每千人口拥有3岁以下婴幼儿托位数4.5个 | level | eq | 4.5 |  | 个 |  |  |
60岁以上老年人健康管理率达到70% | level | eq | 70 |  | % |  |  |
耕地保有量不少于18.65亿亩 | level | ge | 18.65 |  | 亿亩 |  |  |
新建5G基站2000个 | increment | eq | 2000 |  | 个 |  |  |
累计降低17% | cumulative | eq | 17 |  | % | decrease |  |
新增养老床位250张 | increment | eq | 250 |  | 张 | increase |  |
新建5个 | increment | eq | 5 |  | 个 |  |  |
完成300户居家环境适老化改造 | increment | eq | 300 |  | 户 |  |  |
三十 | level | eq | 30 |  |  |  |  |
两所 | level | eq | 2 |  | 所 |  |  |
新建学校两所 | increment | eq | 2 |  | 所 |  |  |
提高一个百分点 | pp_change | eq | 1 |  | 个百分点 | increase |  |
百分之九十五以上 | level | ge | 95 |  | % |  |  |
三分之一 | level | eq | 0.3333 |  |  |  |  |
1/3 | level | eq | 0.3333 |  |  |  |  |
1/3以上 | level | ge | 0.3333 |  |  |  |  |
12-15 | level | between | 12 | 15 |  |  |  |
6%至6.5% | level | between | 6 | 6.5 | % |  |  |
6~7% | level | between | 6 | 7 | % |  |  |
6～7％ | level | between | 6 | 7 | % |  |  |
１２．５％ | level | eq | 12.5 |  | % |  |  |
不高于全市平均水平 | relative | le |  |  |  |  |  |
高于全省平均水平 | relative | gt |  |  |  |  |  |
高于国内生产总值增长 | relative | gt |  |  |  |  |  |
与市保持同步 | relative | approx |  |  |  |  |  |
快于经济增长 | relative | gt |  |  |  |  |  |
与上年持平 | relative |  |  |  |  |  |  |
完成省下达的节能目标 | delegated |  |  |  |  |  |  |
确保完成市政府下达的目标任务 | delegated |  |  |  |  |  |  |
达到国家考核要求 | delegated |  |  |  |  |  |  |
稳中有增 | qualitative |  |  |  |  |  |  |
全覆盖 | qualitative |  |  |  |  |  |  |
持续提升 | qualitative |  |  |  |  | increase |  |
逐步提高 | qualitative |  |  |  |  | increase |  |
- | qualitative |  |  |  |  |  |  |
/ | qualitative |  |  |  |  |  |  |
2025年达到800亿元 | level | eq | 800 |  | 亿元 |  |  | 2025
到2025年,力争全区生产总值达到2000亿元 | level | eq | 2000 |  | 亿元 |  | h | 2025
超1000亿元 | level | gt | 1000 |  | 亿元 |  |  |
100余家 | level | gt | 100 |  | 家 |  |  |
1000余万元 | level | gt | 1000 |  | 万元 |  |  |
约为5% | level | approx | 5 |  | % |  |  |
大约30% | level | approx | 30 |  | % |  |  |
5%上下 | level | approx | 5 |  | % |  |  |
90%及以上 | level | ge | 90 |  | % |  |  |
95%或以上 | level | ge | 95 |  | % |  |  |
控制在10410人内 | level | le | 10410 |  | 人 |  |  |
3个工作日内 | level | le | 3 |  | 个工作日 |  |  |
新增4A级景区2家 | increment | eq | 2 |  | 家 | increase |  |
建设用地规模控制在50平方公里以内 | level | le | 50 |  | 平方公里 |  |  |
建成区绿化覆盖率达到40% | level | eq | 40 |  | % |  |  |
服务业增加值占比达到60% | level | eq | 60 |  | % |  |  |
数字经济增加值占全市生产总值比重>60 | level | gt | 60 |  |  |  |  |
全社会研发经费支出相当于全市生产总值比例4.5左右 | level | approx | 4.5 |  |  |  |  |
地表水达到或好于Ⅲ类水体比例>60 | level | gt | 60 |  |  |  |  |
全年完成固定资产投资300亿元 | increment | eq | 300 |  | 亿元 |  |  |
区级财政收入增长5%左右 | growth | approx | 5 |  | % | increase |  |
实现税收收入100亿元 | level | eq | 100 |  | 亿元 |  |  |
引进各类人才1000名 | increment | eq | 1000 |  | 名 |  |  |
培育专精特新企业50家以上 | increment | ge | 50 |  | 家 |  |  |
新增上市企业3家 | increment | eq | 3 |  | 家 | increase |  |
新开工保障性租赁住房5000套 | increment | eq | 5000 |  | 套 |  |  |
建成15分钟社区生活圈 | qualitative |  |  |  |  |  |  |
15分钟社区生活圈覆盖率达到99% | level | eq | 99 |  | % |  |  |
全面完成“一网通办”改革 | qualitative |  |  |  |  |  |  |
打造“一江一河”滨水空间 | qualitative |  |  |  |  |  |  |
实现“十四五”规划目标 | qualitative |  |  |  |  |  |  |
一张蓝图绘到底 | qualitative |  |  |  |  |  |  |
新增公共绿地50公顷 | increment | eq | 50 |  | 公顷 | increase |  |
森林覆盖率达到19.5%左右 | level | approx | 19.5 |  | % |  |  |
人均公园绿地面积达到9.5平方米 | level | eq | 9.5 |  | 平方米 |  |  |
空气质量优良天数比率达到85%以上 | level | ge | 85 |  | % |  |  |
细颗粒物(PM2.5)年均浓度降至30微克/立方米 | level | eq | 30 |  | 微克/立方米 |  |  |
细颗粒物（PM2.5）平均浓度控制在35微克/立方米以下 | level | le | 35 |  | 微克/立方米 |  |  |
万元GDP用水量下降15% | growth | eq | 15 |  | % | decrease |  |
每万人拥有公共文化设施面积达到3000平方米 | level | eq | 3000 |  | 平方米 |  |  |
常住人口控制在250万人以内 | level | le | 250 |  | 万人 |  |  |
全区常住人口规模控制在120万人左右 | level | approx | 120 |  | 万人 |  |  |
高中阶段毛入学率保持在99%以上 | level | ge | 99 |  | % |  |  |
新增停车泊位2000个 | increment | eq | 2000 |  | 个 | increase |  |
完成旧区改造5万平方米 | increment | eq | 5 |  | 万平方米 |  |  |
城市居民人均可支配收入达到8万元 | level | eq | 8 |  | 万元 |  |  |
城镇登记失业率控制在4%以内 | level | le | 4 |  | % |  |  |
年均增速6%左右 | annual_growth | approx | 6 |  | % |  |  |
GDP增速保持在6%左右 | level | approx | 6 |  | % |  |  |
生产总值年均增长6.5%左右 | annual_growth | approx | 6.5 |  | % | increase |  |
2025年地区生产总值达到1500亿元 | level | eq | 1500 |  | 亿元 |  |  | 2025
到2025年底,完成全部改造任务 | qualitative |  |  |  |  |  |  | 2025
到2025年,基本建成现代化国际大都市 | qualitative |  |  |  |  |  |  | 2025
跑赢经济增长 | relative |  |  |  |  |  |  |
与经济增长保持同步 | relative | approx |  |  |  |  |  |
不低于上年 | relative | ge |  |  |  |  |  |
高于全国平均水平 | relative | gt |  |  |  |  |  |
低于国家标准限值 | qualitative |  |  |  |  |  |  |
达到国家二级标准 | qualitative |  |  |  |  |  |  |
优于国家一级标准 | qualitative |  |  |  |  |  |  |
确保完成上级下达的减排任务 | delegated |  |  |  |  | decrease |  |
完成国家下达的指标任务 | delegated |  |  |  |  |  |  |
按省定目标执行 | delegated |  |  |  |  |  |  |
累计新增就业岗位15万个 | cumulative | eq | 15 |  | 万个 | increase |  |
[15] | cumulative | eq | 15 |  |  |  |  |
[≥25] | cumulative | ge | 25 |  |  |  |  |
≥25% | level | ge | 25 |  | % |  |  |
≤5% | level | le | 5 |  | % |  |  |
<=5% | level | le | 5 |  | % |  |  |
>=90% | level | ge | 90 |  | % |  |  |
＞60 | level | gt | 60 |  |  |  |  |
≥95％ | level | ge | 95 |  | % |  |  |
≦10 | level | le | 10 |  |  |  |  |
90%-95% | level | between | 90 | 95 | % |  |  |
5%～6% | level | between | 5 | 6 | % |  |  |
3—5个 | level | between | 3 | 5 | 个 |  |  |
5-10家 | level | between | 5 | 10 | 家 |  |  |
1至3所 | level | between | 1 | 3 | 所 |  |  |
从60%提高到70% | level | eq | 70 |  | % | increase |  |
由2020年的60%提高到70% | level | eq | 70 |  | % | increase |  |
比2020年提高5个百分点 | pp_change | eq | 5 |  | 个百分点 | increase |  |
较上年增长10%以上 | growth | ge | 10 |  | % | increase |  |
同比增长8% | growth | eq | 8 |  | % | increase |  |
同比增5% | growth | eq | 5 |  | % |  |  |
削减10% | growth | eq | 10 |  | % |  |  |
缩短50%以上 | growth | ge | 50 |  | % |  |  |
审批时间压缩至3个工作日 | level | eq | 3 |  | 个工作日 | decrease |  |
压缩50% | growth | eq | 50 |  | % | decrease |  |
降低至5%以下 | level | le | 5 |  | % | decrease |  |
下降到3% | level | eq | 3 |  | % | decrease |  |
降至5% | level | eq | 5 |  | % |  |  |
提升至95% | level | eq | 95 |  | % | increase |  |
增加到100家 | level | eq | 100 |  | 家 | increase |  |
上升到60% | level | eq | 60 |  | % | increase |  |
减少到10家以下 | level | le | 10 |  | 家 | decrease |  |
减排10% | growth | eq | 10 |  | % | decrease |  |
化学需氧量减排量达到2万吨 | level | eq | 2 |  | 万吨 |  |  |
新增建设用地控制在5平方公里以内 | increment | le | 5 |  | 平方公里 | increase |  |
五年累计约110 | cumulative | approx | 110 |  |  |  |  |
成片:五年累计约110 | cumulative | approx | 110 |  |  |  |  |
力争超过10% | level | gt | 10 |  | % |  | h |
争取实现翻一番 | growth | eq | 1 |  | 番 |  | h |
努力实现年均增长8% | annual_growth | eq | 8 |  | % | increase | h |
奋斗目标为增长7% | growth | eq | 7 |  | % | increase | h |
尽力而为 | qualitative |  |  |  |  |  | h |
增长一倍 | growth | eq | 1 |  | 倍 | increase |  |
翻一番 | growth | eq | 1 |  | 番 |  |  |
城乡三项基本医疗保险参保率持续提高 | qualitative |  |  |  |  | increase |  |
城乡三项基本医疗保险参保率提高3个百分点 | pp_change | eq | 3 |  | 个百分点 | increase |  |
新建两所学校 | increment | eq | 2 |  | 所 |  |  |
两所以上 | level | ge | 2 |  | 所 |  |  |
国内生产总值增长6.5%-7% | growth | between | 6.5 | 7 | % | increase |  |
广义货币M2增长12%左右 | growth | approx | 12 |  | % | increase |  |
M2和社会融资规模增速要与名义经济增速基本匹配 | relative |  |  |  |  |  |  |
赤字率拟按3%左右安排 | level | approx | 3 |  | % |  |  |
财政赤字2.38万亿元 | level | eq | 2.38 |  | 万亿元 |  |  |
化学需氧量、二氧化硫排放总量分别减少8% | growth | eq | 8 |  | % | decrease |  |
非化石能源占一次能源消费比重达到15% | level | eq | 15 |  | % |  |  |
每年增长10% | annual_growth | eq | 10 |  | % | increase |  |
每年新增3个 | increment | eq | 3 |  | 个 | increase |  |
高于全市平均水平2个百分点 | pp_change | gt | 2 |  | 个百分点 |  |  |
实现100%全覆盖 | level | eq | 100 |  | % |  |  |
零死亡 | qualitative |  |  |  |  |  |  |
不发生重特大事故 | qualitative |  |  |  |  |  |  |
>1000万 | level | gt | 1000 |  | 万 |  |  |
[80以上] | cumulative | ge | 80 |  |  |  |  |
完成国家和市下达任务 | delegated |  |  |  |  |  |  |
按国家和市要求执行 | delegated |  |  |  |  |  |  |
执行国家规定 | delegated |  |  |  |  |  |  |
20%(2025年) | level | eq | 20 |  | % |  |  | 2025
下降10%-15% | growth | between | 10 | 15 | % | decrease |  |
较2020年提高2个百分点以上 | pp_change | ge | 2 |  | 个百分点 | increase |  |
新建改建公共厕所30座 | increment | eq | 30 |  | 座 |  |  |
引进总部型企业20家 | increment | eq | 20 |  | 家 |  |  |
商品销售额突破1000亿元 | level | gt | 1000 |  | 亿元 |  |  |
劳动年龄人口平均受教育年限达到12.5年 | level | eq | 12.5 |  | 年 |  |  |
人均受教育年限提高0.5年 | increment | eq | 0.5 |  | 年 | increase |  |
平均受教育年限达到13年 | level | eq | 13 |  | 年 |  |  |
5年累计新增 | qualitative |  |  |  |  | increase |  |
提前1年完成 | qualitative |  |  |  |  |  |  |
五年累计 | qualitative |  |  |  |  |  |  |
两年内完成 | qualitative |  |  |  |  |  |  |
2025年 | qualitative |  |  |  |  |  |  | 2025
完成1000户老旧小区加装电梯 | increment | eq | 1000 |  | 户 |  |  |
全年新增加装电梯500台 | increment | eq | 500 |  | 台 | increase |  |
新建改建农村公路200公里 | increment | eq | 200 |  | 公里 |  |  |
培训农民工5万人次 | increment | eq | 5 |  | 万人次 |  |  |
帮扶1000名就业困难人员实现就业 | increment | eq | 1000 |  | 名 |  |  |
城镇零就业家庭动态清零 | qualitative |  |  |  |  |  |  |
12345热线工单按时办结率达到98%以上 | level | ge | 98 |  | % |  |  |
5G网络覆盖率达到100% | level | eq | 100 |  | % |  |  |
千兆光网覆盖率达到95% | level | eq | 95 |  | % |  |  |
每千名老年人拥有养老床位40张 | level | eq | 40 |  | 张 |  |  |
单位GDP能耗五年累计下降13.5% | cumulative | eq | 13.5 |  | % | decrease |  |
单位生产总值能耗“十四五”累计下降14% | cumulative | eq | 14 |  | % | decrease |  |
万元工业增加值用水量下降16% | growth | eq | 16 |  | % | decrease |  |
能源消费总量控制在3000万吨标准煤以内 | level | le | 3000 |  | 万吨标准煤 |  |  |
新增光伏装机容量100兆瓦 | increment | eq | 100 |  | 兆瓦 | increase |  |
人均GDP超过2万美元 | level | gt | 2 |  | 万美元 |  |  |
R&D经费投入强度3.5%左右 | level | approx | 3.5 |  | % |  |  |
每万名就业人员中研发人员达到150人年 | level | eq | 150 |  | 人年 |  |  |
帮助长期失业青年就业创业1000人 | increment | eq | 1000 |  | 人 |  |  |
群众满意度达到90分以上 | level | ge | 90 |  | 分 |  |  |
绿色建筑占新建建筑比例达到100% | level | eq | 100 |  | % |  |  |
新建充电桩5000个 | increment | eq | 5000 |  | 个 |  |  |
居民消费价格涨幅控制在3.5%左右 | level | approx | 3.5 |  | % |  |  |
进出口增长7%左右 | growth | approx | 7 |  | % | increase |  |
居民收入增长和经济发展同步 | relative | approx |  |  |  |  |  |
能源消耗强度下降3.9%以上 | growth | ge | 3.9 |  | % | decrease |  |
化学需氧量、二氧化硫排放量分别下降2% | growth | eq | 2 |  | % | decrease |  |
广义货币M2预计增长13%左右 | growth | approx | 13 |  | % | increase |  |
化学需氧量、氨氮排放都要减少2%左右 | growth | approx | 2 |  | % | decrease |  |
国内生产总值增长6.5%左右,在实际工作中争取更好结果 | growth | approx | 6.5 |  | % | increase | h |
现行标准下农村贫困人口全部脱贫、贫困县全部摘帽 | qualitative |  |  |  |  |  |  |
赤字率拟按3.6%以上安排 | level | ge | 3.6 |  | % |  |  |
城镇调查失业率全年控制在5.5%以内 | level | le | 5.5 |  | % |  |  |
能耗强度目标在“十四五”规划期内统筹考核,并留有适当弹性 | qualitative |  |  |  |  |  |  |
新增可再生能源和原料用能不纳入能源消费总量控制 | qualitative |  |  |  |  | increase |  |
城镇新增就业1200万人左右 | increment | approx | 1200 |  | 万人 | increase |  |
单位国内生产总值能耗和主要污染物排放量继续下降 | qualitative |  |  |  |  | decrease |  |
超长期特别国债1万亿元 | level | eq | 1 |  | 万亿元 |  |  |
地方政府专项债券3.9万亿元 | level | eq | 3.9 |  | 万亿元 |  |  |
到2015年,全省生产总值达到25000亿元 | level | eq | 25000 |  | 亿元 |  |  | 2015
人均生产总值达到45000元 | level | eq | 45000 |  | 元 |  |  |
区级一般公共预算收入与经济增长基本同步 | relative | approx |  |  |  |  |  |
城镇登记失业人数控制在市下达指标以内 | delegated | le |  |  |  |  |  |
帮助500名长期失业青年实现就业 | increment | eq | 500 |  | 名 |  |  |
节能减排完成市下达的目标任务 | delegated |  |  |  |  | decrease |  |
新增市场主体2万户 | increment | eq | 2 |  | 万户 | increase |  |
年内完成80% | level | eq | 80 |  | % |  |  |
实现20个街镇全覆盖 | level | eq | 20 |  | 个 |  |  |
推进30个重点项目建设 | increment | eq | 30 |  | 个 |  |  |
10个项目开工 | increment | eq | 10 |  | 个 |  |  |
每年递增5% | annual_growth | eq | 5 |  | % |  |  |
增速高于全市平均水平 | relative | gt |  |  |  |  |  |
增幅不低于全市平均 | relative | ge |  |  |  |  |  |
力争实现翻番 | qualitative |  |  |  |  |  | h |
降低15%以上(以2020年为基数) | growth | ge | 15 |  | % | decrease |  |
较“十三五”末提高2个百分点 | pp_change | eq | 2 |  | 个百分点 | increase |  |
比“十三五”期末增长1倍 | growth | eq | 1 |  | 倍 | increase |  |
达到全国先进水平 | qualitative |  |  |  |  |  |  |
≥5 | level | ge | 5 |  |  |  |  |
5.5以内 | level | le | 5.5 |  |  |  |  |
[50] | cumulative | eq | 50 |  |  |  |  |
50以上 | level | ge | 50 |  |  |  |  |
完成市下达任务 | delegated |  |  |  |  |  |  |
— | qualitative |  |  |  |  |  |  |
约30 | level | approx | 30 |  |  |  |  |
[≥20] | cumulative | ge | 20 |  |  |  |  |
0.8 | level | eq | 0.8 |  |  |  |  |
（≥90%） | level | ge | 90 |  | % |  |  |
13.5%(累计) | cumulative | eq | 13.5 |  | % |  |  |
完成5个(累计) | cumulative | eq | 5 |  | 个 |  |  |
≥90%(2025年) | level | ge | 90 |  | % |  |  | 2025
提升至少10% | growth | ge | 10 |  | % | increase |  |
提高到不低于90% | level | ge | 90 |  | % | increase |  |
增长不低于5% | growth | ge | 5 |  | % | increase |  |
提高了5% | growth | eq | 5 |  | % | increase |  |
增长为原来的2倍 | level | eq | 2 |  | 倍 | increase |  |
保持6%以上的增长 | growth | ge | 6 |  | % | increase |  |
保持6%的增速 | level | eq | 6 |  | % |  |  |
环比增长3% | growth | eq | 3 |  | % | increase |  |
三分之一以上 | level | ge | 0.3333 |  |  |  |  |
百分之五十 | level | eq | 50 |  | % |  |  |
千分之三以下 | level | le | 3 |  | ‰ |  |  |
2022年底前完成100户 | increment | eq | 100 |  | 户 |  |  | 2022
6月底前完成50% | level | eq | 50 |  | % |  |  |
质量不降低 | qualitative |  |  |  |  |  |  |
零增长 | qualitative |  |  |  |  |  |  |
不断提高 | qualitative |  |  |  |  | increase |  |
三至五个 | level | between | 3 | 5 | 个 |  |  |
两到三个 | level | between | 2 | 3 | 个 |  |  |
新建三至五所学校 | increment | between | 3 | 5 | 所 |  |  |
约5%—6% | level | between | 5 | 6 | % |  |  |
5%-6%左右 | level | between | 5 | 6 | % |  |  |
5至8 | level | between | 5 | 8 |  |  |  |
〔13.5〕 | cumulative | eq | 13.5 |  |  |  |  |
〔18〕 | cumulative | eq | 18 |  |  |  |  |
[3000]左右 | cumulative | approx | 3000 |  |  |  |  |
[20]以上 | cumulative | ge | 20 |  |  |  |  |
高于GDP增长 | relative | gt |  |  |  |  |  |
保持在合理区间、各年度视情提出 | qualitative |  |  |  |  |  |  |
全市生产总值增长6%左右 | growth | approx | 6 |  | % | increase |  |
地方一般公共预算收入增长5% | growth | eq | 5 |  | % | increase |  |
单位生产总值综合能耗下降3.8% | growth | eq | 3.8 |  | % | decrease |  |
新增就业岗位50万个以上 | increment | ge | 50 |  | 万个 | increase |  |
帮助引领成功创业1万人 | increment | eq | 1 |  | 万人 |  |  |
新建和改建养老床位5000张 | increment | eq | 5000 |  | 张 |  |  |
完成1000台加装电梯 | increment | eq | 1000 |  | 台 |  |  |
城镇化率提高到50%左右 | level | approx | 50 |  | % | increase |  |
万元生产总值能耗下降20%左右 | growth | approx | 20 |  | % | decrease |  |
耕地保有量不低于国家下达指标 | delegated | ge |  |  |  |  |  |
人口自然增长率控制在6‰左右 | level | approx | 6 |  | ‰ |  |  |
新农合参合率保持在95%以上 | level | ge | 95 |  | % |  |  |
五年累计转移农业劳动力300万人 | cumulative | eq | 300 |  | 万人 |  |  |
下降到千分之五以下 | level | le | 5 |  | ‰ | decrease |  |
办理时限压缩50%以上 | growth | ge | 50 |  | % | decrease |  |
每千人口拥有执业(助理)医师3.5人 | level | eq | 3.5 |  | 人 |  |  |
婴儿死亡率低于3‰ | level | lt | 3 |  | ‰ |  |  |
孕产妇死亡率控制在10/10万以下 | level | le | 10 |  | /10万 |  |  |
每万人口全科医生数达到4人 | level | eq | 4 |  | 人 |  |  |
新建改扩建中小学和幼儿园50所 | increment | eq | 50 |  | 所 |  |  |
实施城市更新项目100个 | increment | eq | 100 |  | 个 |  |  |
建成区人均公园绿地面积达到15平方米 | level | eq | 15 |  | 平方米 |  |  |
地表水达到或好于Ⅲ类水体比例达到70% | level | eq | 70 |  | % |  |  |
生活垃圾无害化处理率100% | level | eq | 100 |  | % |  |  |
非化石能源消费比重提高到20%以上 | level | ge | 20 |  | % | increase |  |
单位地区生产总值二氧化碳排放五年累计下降18% | cumulative | eq | 18 |  | % | decrease |  |
新增城市轨道交通运营里程100公里 | increment | eq | 100 |  | 公里 | increase |  |
公交出行分担率不低于60% | level | ge | 60 |  | % |  |  |
力争全区生产总值突破2000亿元 | level | gt | 2000 |  | 亿元 |  | h |
区级财政收入年均增长6%左右 | annual_growth | approx | 6 |  | % | increase |  |
引进培育高层次人才500名 | increment | eq | 500 |  | 名 |  |  |
举办各类招聘会100场 | increment | eq | 100 |  | 场 |  |  |
新增各类学位1万个 | increment | eq | 1 |  | 万个 | increase |  |
到2025年,全区常住人口控制在160万人左右 | level | approx | 160 |  | 万人 |  |  | 2025
2025年人均GDP达到3万美元 | level | eq | 3 |  | 万美元 |  |  | 2025
研发投入强度力争达到4% | level | eq | 4 |  | % |  | h |
每万人口拥有养老床位不少于40张 | level | ge | 40 |  | 张 |  |  |
完成市下达的年度目标任务 | delegated |  |  |  |  |  |  |
确保完成国家下达的“十四五”单位GDP能耗下降目标 | delegated |  |  |  |  | decrease |  |
社会消费品零售总额突破1000亿元 | level | gt | 1000 |  | 亿元 |  |  |
外贸进出口总额保持稳定 | qualitative |  |  |  |  |  |  |
实际利用外资保持在10亿美元左右 | level | approx | 10 |  | 亿美元 |  |  |
商品房销售面积稳中有升 | qualitative |  |  |  |  |  |  |
全年新增减税降费100亿元以上 | increment | ge | 100 |  | 亿元 | increase |  |
年均新增城镇就业10万人 | increment | eq | 10 |  | 万人 | increase |  |
三年累计新增就业30万人 | cumulative | eq | 30 |  | 万人 | increase |  |
力争科技进步贡献率达到65% | level | eq | 65 |  | % |  | h |
每年培训5000人次 | increment | eq | 5000 |  | 人次 |  |  |
人均预期寿命达到84岁以上 | level | ge | 84 |  | 岁 |  |  |
空气质量优良率保持在90%左右 | level | approx | 90 |  | % |  |  |
土壤环境质量总体保持稳定 | qualitative |  |  |  |  |  |  |
建设用地总量控制在国家下达指标以内 | delegated | le |  |  |  |  |  |
亿元以上产业项目20个 | level | eq | 20 |  | 个 |  |  |
引进亿元以上项目20个 | increment | eq | 20 |  | 个 |  |  |
5A级景区1家 | level | eq | 1 |  | 家 |  |  |
创建国家级示范区2个 | increment | eq | 2 |  | 个 |  |  |
粮食播种面积稳定在1000万亩以上 | level | ge | 1000 |  | 万亩 |  |  |
高标准农田建设100万亩 | increment | eq | 100 |  | 万亩 |  |  |
化肥农药使用量零增长 | qualitative |  |  |  |  |  |  |
城乡居民收入比缩小到2.5:1以内 | level | le | 2.5 |  | :1 |  |  |
城乡居民收入倍差缩小到1.8以内 | level | le | 1.8 |  |  |  |  |
基尼系数0.4以下 | level | le | 0.4 |  |  |  |  |
恩格尔系数下降到30%以下 | level | le | 30 |  | % | decrease |  |
由2010年的45%提高到55% | level | eq | 55 |  | % | increase |  |
全省城镇登记失业率控制在4.5%以内 | level | le | 4.5 |  | % |  |  |
城乡居民收入年均增长8%以上 | annual_growth | ge | 8 |  | % | increase |  |
全社会研究与试验发展经费支出占地区生产总值比重达到2.5% | level | eq | 2.5 |  | % |  |  |
服务业增加值占GDP比重提高4个百分点 | pp_change | eq | 4 |  | 个百分点 | increase |  |
城镇保障性安居工程住房覆盖率达到20%以上 | level | ge | 20 |  | % |  |  |
累计开工建设保障性住房30万套 | cumulative | eq | 30 |  | 万套 |  |  |
“十二五”期间累计新增城镇就业250万人 | cumulative | eq | 250 |  | 万人 | increase |  |
城镇新增就业年均50万人 | increment | eq | 50 |  | 万人 | increase |  |
五年转移农村劳动力200万人 | increment | eq | 200 |  | 万人 |  |  |
主要污染物排放总量减少8%—10% | growth | between | 8 | 10 | % | decrease |  |
农业灌溉用水有效利用系数提高到0.55 | level | eq | 0.55 |  |  | increase |  |
耕地保有量保持在6500万亩 | level | eq | 6500 |  | 万亩 |  |  |
基本农田保护面积不减少 | qualitative |  |  |  |  |  |  |
城镇人均住房建筑面积达到35平方米左右 | level | approx | 35 |  | 平方米 |  |  |
全省总人口控制在1亿人以内 | level | le | 1 |  | 亿人 |  |  |
九年义务教育巩固率达到95%以上 | level | ge | 95 |  | % |  |  |
居民消费率提高到40% | level | eq | 40 |  | % | increase |  |
城镇化水平年均提高1.2个百分点 | pp_change | eq | 1.2 |  | 个百分点 | increase |  |
新增建设用地控制在30万亩以内 | increment | le | 30 |  | 万亩 | increase |  |
二氧化硫排放总量削减10% | growth | eq | 10 |  | % |  |  |
城市空气质量二级以上天数达到300天 | level | eq | 300 |  | 天 |  |  |
森林蓄积量增加6000万立方米 | increment | eq | 6000 |  | 万立方米 | increase |  |
贫困人口减少50% | growth | eq | 50 |  | % | decrease |  |
农村居民人均纯收入超过1万元 | level | gt | 1 |  | 万元 |  |  |
城乡居民收入差距缩小 | qualitative |  |  |  |  |  |  |
实际利用外资五年累计100亿美元 | cumulative | eq | 100 |  | 亿美元 |  |  |
新增高速公路通车里程1000公里 | increment | eq | 1000 |  | 公里 | increase |  |
全面完成 | qualitative |  |  |  |  |  |  |
100%完成 | level | eq | 100 |  | % |  |  |
完成率100% | level | eq | 100 |  | % |  |  |
满意率90%以上 | level | ge | 90 |  | % |  |  |
2个工作日 | level | eq | 2 |  | 个工作日 |  |  |
即来即办 | qualitative |  |  |  |  |  |  |
提速50% | growth | eq | 50 |  | % |  |  |
材料精简30%以上 | growth | ge | 30 |  | % |  |  |
跑动次数减少80% | growth | eq | 80 |  | % | decrease |  |
全流程审批时间控制在80个工作日以内 | level | le | 80 |  | 个工作日 |  |  |
一网通办事项比例达到90% | level | eq | 90 |  | % |  |  |
政务服务事项“一网通办”率100% | level | eq | 100 |  | % |  |  |
最多跑一次 | qualitative |  |  |  |  |  |  |
一般公共预算收入同口径增长5% | growth | eq | 5 |  | % | increase |  |
规模以上工业增加值增长8% | growth | eq | 8 |  | % | increase |  |
规上工业总产值突破3000亿元 | level | gt | 3000 |  | 亿元 |  |  |
完成省下达的节能减排任务 | delegated |  |  |  |  | decrease |  |
新开工亿元以上项目100个 | increment | eq | 100 |  | 个 |  |  |
新增规上工业企业100家 | increment | eq | 100 |  | 家 | increase |  |
高新技术产业增加值占规上工业增加值比重达到50% | level | eq | 50 |  | % |  |  |
全社会研发投入增长15%以上 | growth | ge | 15 |  | % | increase |  |
新认定高新技术企业200家 | increment | eq | 200 |  | 家 |  |  |
技术合同登记额突破100亿元 | level | gt | 100 |  | 亿元 |  |  |
引进培育各类人才3万人 | increment | eq | 3 |  | 万人 |  |  |
完成造林绿化10万亩 | increment | eq | 10 |  | 万亩 |  |  |
PM2.5平均浓度下降到30微克/立方米 | level | eq | 30 |  | 微克/立方米 | decrease |  |
国考断面水质优良比例保持100% | level | eq | 100 |  | % |  |  |
新建改造农村公路500公里 | increment | eq | 500 |  | 公里 |  |  |
改造老旧小区100个 | increment | eq | 100 |  | 个 |  |  |
人均预期寿命提高到80岁 | level | eq | 80 |  | 岁 | increase |  |
粮食总产量稳定在100万吨以上 | level | ge | 100 |  | 万吨 |  |  |
居民人均可支配收入增长与经济增长同步 | relative | approx |  |  |  |  |  |
主要污染物减排完成省下达任务 | delegated |  |  |  |  | decrease |  |
单位GDP能耗完成省下达目标 | delegated |  |  |  |  |  |  |
安全生产事故起数和死亡人数实现“双下降” | qualitative |  |  |  |  | decrease |  |
确保不发生较大以上安全事故 | qualitative |  |  |  |  |  |  |
信访总量下降10% | growth | eq | 10 |  | % | decrease |  |
刑事案件发案数下降5%以上 | growth | ge | 5 |  | % | decrease |  |
群众安全感满意度保持在95%以上 | level | ge | 95 |  | % |  |  |
全年接待游客1000万人次 | level | eq | 1000 |  | 万人次 |  |  |
新增市场主体1万户以上 | increment | ge | 1 |  | 万户 | increase |  |
实际使用外资2亿美元 | level | eq | 2 |  | 亿美元 |  |  |
招引亿元以上项目50个 | increment | eq | 50 |  | 个 |  |  |
发放创业担保贷款5亿元 | increment | eq | 5 |  | 亿元 |  |  |
培训新型职业农民1000人 | increment | eq | 1000 |  | 人 |  |  |
全年减税降费50亿元以上 | level | ge | 50 |  | 亿元 |  |  |
5 % | level | eq | 5 |  | % |  |  |
1000 万人以上 | level | ge | 1000 |  | 万人 |  |  |
增长 5% 左右 | growth | approx | 5 |  | % | increase |  |
"""

FIELDS = ["basis", "comparator", "value", "upper", "unit", "direction", "hedged", "year"]


def _rows() -> list[list[str]]:
    rows = []
    for line in TABLE.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        rows.append(cells + [""] * (1 + len(FIELDS) - len(cells)))
    return rows


def _shown(field: str, value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "h"
    if field in ("value", "upper"):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def _written(field: str, cell: str) -> str:
    if field in ("value", "upper") and cell:
        return format(Decimal(cell).normalize(), "f")
    return cell


ROWS = _rows()


def test_the_table_has_no_duplicates() -> None:
    texts = [row[0] for row in ROWS]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_phrase_reads_as_written_in_the_table(row: list[str]) -> None:
    data = parse_target(row[0]).to_dict()
    got = {field: _shown(field, data[field]) for field in FIELDS}
    expected = {field: _written(field, cell) for field, cell in zip(FIELDS, row[1:], strict=True)}
    assert got == expected
    assert data["text"] == row[0]
    assert data["parts"] == []
