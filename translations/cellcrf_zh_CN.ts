<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClinicalText</name>
    <message>
        <source>No hypotension</source>
        <translation>无低血压</translation>
    </message>
    <message>
        <source>Hypotension not needing vasopressors: grade 2</source>
        <translation>低血压无需升压药：2级</translation>
    </message>
    <message>
        <source>Vasopressin alone counts as one vasopressor: grade 3</source>
        <translation>单用血管升压素按一种升压药计：3级</translation>
    </message>
    <message>
        <source>Vasopressin added to one vasopressor is not counted as a second one</source>
        <translation>在一种升压药基础上加用血管升压素不计为第二种升压药</translation>
    </message>
    <message>
        <source>Hypotension needing one vasopressor: grade 3</source>
        <translation>低血压需要一种升压药：3级</translation>
    </message>
    <message>
        <source>Hypotension needing several vasopressors (vasopressin not counted): grade 4</source>
        <translation>低血压需要多种升压药（不计血管升压素）：4级</translation>
    </message>
    <message>
        <source>Nasal cannula at %1 L/min is low flow (≤ 6 L/min): grade 2</source>
        <translation>鼻导管吸氧%1 L/min为低流量（≤ 6 L/min）：2级</translation>
    </message>
    <message>
        <source>Nasal cannula at %1 L/min is high flow (&gt; 6 L/min): grade 3</source>
        <translation>鼻导管吸氧%1 L/min为高流量（&gt; 6 L/min）：3级</translation>
    </message>
    <message>
        <source>No oxygen needed</source>
        <translation>无需吸氧</translation>
    </message>
    <message>
        <source>Low-flow nasal cannula (≤ 6 L/min): grade 2</source>
        <translation>低流量鼻导管吸氧（≤ 6 L/min）：2级</translation>
    </message>
    <message>
        <source>High-flow nasal cannula (&gt; 6 L/min): grade 3</source>
        <translation>高流量鼻导管吸氧（&gt; 6 L/min）：3级</translation>
    </message>
    <message>
        <source>the entered category (%1) disagrees with the flow, please check</source>
        <translation>所填类别（%1）与流量不符，请核对</translation>
    </message>
    <message>
        <source>Blow-by oxygen: grade 2</source>
        <translation>吹氧（blow-by）：2级</translation>
    </message>
    <message>
        <source>Facemask: grade 3 whatever the flow</source>
        <translation>面罩吸氧：无论流量均为3级</translation>
    </message>
    <message>
        <source>Facemask: grade 3</source>
        <translation>面罩吸氧：3级</translation>
    </message>
    <message>
        <source>Non-rebreather mask: grade 3</source>
        <translation>非重复呼吸面罩：3级</translation>
    </message>
    <message>
        <source>Venturi mask: grade 3</source>
        <translation>文丘里面罩：3级</translation>
    </message>
    <message>
        <source>Positive pressure (CPAP): grade 4</source>
        <translation>正压通气（CPAP）：4级</translation>
    </message>
    <message>
        <source>Positive pressure (BiPAP): grade 4</source>
        <translation>正压通气（BiPAP）：4级</translation>
    </message>
    <message>
        <source>Intubation and mechanical ventilation: grade 4</source>
        <translation>气管插管及机械通气：4级</translation>
    </message>
    <message>
        <source>Temperature %1 °C meets the fever threshold (≥ 38.0 °C)</source>
        <translation>体温%1 °C达到发热标准（≥ 38.0 °C）</translation>
    </message>
    <message>
        <source>Temperature %1 °C is attributed to another cause, so it does not count as CRS fever</source>
        <translation>体温%1 °C归因于其他原因，不计为CRS发热</translation>
    </message>
    <message>
        <source>Temperature %1 °C is below the fever threshold (≥ 38.0 °C)</source>
        <translation>体温%1 °C低于发热标准（≥ 38.0 °C）</translation>
    </message>
    <message>
        <source>Fever without hypotension or hypoxia: grade 1</source>
        <translation>发热，无低血压或低氧：1级</translation>
    </message>
    <message>
        <source>Fever with the more severe of hypotension and hypoxia: grade %1</source>
        <translation>发热，按低血压与低氧中较重者分级：%1级</translation>
    </message>
    <message>
        <source>CRS was met earlier in this episode and antipyretic or anti-cytokine therapy was given, so fever is no longer required</source>
        <translation>本次事件中此前已符合CRS并已使用退热药或抗细胞因子治疗，不再要求发热</translation>
    </message>
    <message>
        <source>Fever may be masked and there is neither hypotension nor hypoxia: the rules do not decide; grade 1 proposed for the investigator to review</source>
        <translation>发热可能被掩盖，且既无低血压也无低氧：规则无法判定；建议1级，由研究者审核</translation>
    </message>
    <message>
        <source>The more severe of hypotension and hypoxia decides: grade %1</source>
        <translation>按低血压与低氧中较重者分级：%1级</translation>
    </message>
    <message>
        <source>Antipyretic or anti-cytokine therapy was given with no earlier CRS in this episode, so a fever may be hidden: the rules do not decide; grade 0 proposed for the investigator to review</source>
        <translation>本次事件中此前无CRS但已使用退热药或抗细胞因子治疗，发热可能被掩盖：规则无法判定；建议0级，由研究者审核</translation>
    </message>
    <message>
        <source>Fever is still required because no antipyretic or anti-cytokine therapy was given</source>
        <translation>未使用退热药或抗细胞因子治疗，仍要求发热</translation>
    </message>
    <message>
        <source>Without fever there is no CRS, even with hypotension or hypoxia: grade 0</source>
        <translation>无发热即无CRS，即使存在低血压或低氧：0级</translation>
    </message>
    <message>
        <source>No fever: no CRS (grade 0)</source>
        <translation>无发热：无CRS（0级）</translation>
    </message>
    <message>
        <source>Organ toxicity (CTCAE grade %1) is graded separately with CTCAE v5.0 and does not change the CRS grade</source>
        <translation>器官毒性（CTCAE %1级）按CTCAE v5.0单独分级，不影响CRS分级</translation>
    </message>
    <message>
        <source>Death due to CRS: grade 5</source>
        <translation>死于CRS：5级</translation>
    </message>
    <message>
        <source>Death not attributed to CRS: the grade comes from the findings</source>
        <translation>死亡不归因于CRS：按临床表现分级</translation>
    </message>
    <message>
        <source>nasal_cannula_flow_l_min is required when oxygen is nasal_cannula: a nasal cannula is classed from its flow</source>
        <translation>氧疗方式为nasal_cannula时必须填写nasal_cannula_flow_l_min：鼻导管按流量分级</translation>
    </message>
    <message>
        <source>vasopressin_added is true but hypotension is %1; record vasopressin alone as hypotension = vasopressin_only</source>
        <translation>vasopressin_added为true，但低血压为%1；单用血管升压素应记录为hypotension = vasopressin_only</translation>
    </message>
    <message>
        <source>death_due_to_crs is true but died is false</source>
        <translation>death_due_to_crs为true，但died为false</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1为必填项</translation>
    </message>
    <message>
        <source>%1 must be a whole number from 0 to 3</source>
        <translation>%1必须为0至3的整数</translation>
    </message>
    <message>
        <source>%1 must be one of: %2</source>
        <translation>%1必须为以下之一：%2</translation>
    </message>
    <message>
        <source>ice_score %1 does not match the total of ice_items (%2)</source>
        <translation>ice_score %1与ice_items总分（%2）不一致</translation>
    </message>
    <message>
        <source>capd_score %1 does not match the total of capd_answers (%2)</source>
        <translation>capd_score %1与capd_answers总分（%2）不一致</translation>
    </message>
    <message>
        <source>capd_unable is true but a CAPD score or answers were given</source>
        <translation>capd_unable为true，但填写了CAPD评分或答案</translation>
    </message>
    <message>
        <source>seizure_duration_min is required for a %1 seizure: more than 5 min is grade 4</source>
        <translation>%1癫痫发作必须填写seizure_duration_min：超过5分钟为4级</translation>
    </message>
    <message>
        <source>ice_score or ice_items is required: ICE is used from %1 years (age %2)</source>
        <translation>必须填写ice_score或ice_items：%1岁及以上使用ICE（年龄%2岁）</translation>
    </message>
    <message>
        <source>capd_score, capd_answers or capd_unable is required: CAPD is used under %1 years and with developmental delay (age %2)</source>
        <translation>必须填写capd_score、capd_answers或capd_unable：%1岁以下及发育迟缓者使用CAPD（年龄%2岁）</translation>
    </message>
    <message>
        <source>Creatinine %1 µmol/L ÷ 88.4 = %2 mg/dL</source>
        <translation>肌酐 %1 µmol/L ÷ 88.4 = %2 mg/dL</translation>
    </message>
    <message>
        <source>Cockcroft–Gault: (140 − %1 years) × %2 kg ÷ (72 × %3 mg/dL)%4 = %5 mL/min</source>
        <translation>Cockcroft–Gault公式：(140 − %1岁) × %2 kg ÷ (72 × %3 mg/dL)%4 = %5 mL/min</translation>
    </message>
    <message>
        <source> × 0.85 for a woman</source>
        <translation> × 0.85（女性）</translation>
    </message>
    <message>
        <source>The formula gives no meaningful clearance at this age</source>
        <translation>该年龄下公式无法得出有意义的清除率</translation>
    </message>
    <message>
        <source>heart_rate_bpm or rr_ms is required</source>
        <translation>必须填写heart_rate_bpm或rr_ms</translation>
    </message>
    <message>
        <source>rr_ms %1 and heart_rate_bpm %2 disagree (60 ÷ %2 = %3 ms)</source>
        <translation>rr_ms %1与heart_rate_bpm %2不一致（60 ÷ %2 = %3 ms）</translation>
    </message>
    <message>
        <source>RR = %1 ms = %2 s</source>
        <translation>RR = %1 ms = %2 s</translation>
    </message>
    <message>
        <source>RR = 60 ÷ %1 bpm = %2 s</source>
        <translation>RR = 60 ÷ %1 bpm = %2 s</translation>
    </message>
    <message>
        <source>QTcF (Fridericia) = %1 ms ÷ cube root of %2 s = %3 ms</source>
        <translation>QTcF（Fridericia法）= %1 ms ÷ %2 s的立方根 = %3 ms</translation>
    </message>
    <message>
        <source>Mosteller: square root of (%1 cm × %2 kg ÷ 3600) = %3 m²</source>
        <translation>Mosteller公式：(%1 cm × %2 kg ÷ 3600)的平方根 = %3 m²</translation>
    </message>
    <message>
        <source>DuBois: 0.007184 × %2 kg^0.425 × %1 cm^0.725 = %3 m²</source>
        <translation>DuBois公式：0.007184 × %2 kg^0.425 × %1 cm^0.725 = %3 m²</translation>
    </message>
    <message>
        <source>fludarabine_mg_per_m2 or cyclophosphamide_mg_per_m2 (with height_cm and weight_kg), or total_car_positive_viable_t_cells (with weight_kg), is required</source>
        <translation>必须填写fludarabine_mg_per_m2或cyclophosphamide_mg_per_m2（同时填写height_cm和weight_kg），或total_car_positive_viable_t_cells（同时填写weight_kg）</translation>
    </message>
    <message>
        <source>fludarabine_mg_per_m2 is required to check fludarabine_given_mg</source>
        <translation>核对fludarabine_given_mg需要fludarabine_mg_per_m2</translation>
    </message>
    <message>
        <source>cyclophosphamide_mg_per_m2 is required to check cyclophosphamide_given_mg</source>
        <translation>核对cyclophosphamide_given_mg需要cyclophosphamide_mg_per_m2</translation>
    </message>
    <message>
        <source>height_cm is required for the body surface area</source>
        <translation>计算体表面积需要height_cm</translation>
    </message>
    <message>
        <source>fludarabine_mg_per_m2 or cyclophosphamide_mg_per_m2 is required with height_cm</source>
        <translation>填写height_cm时必须填写fludarabine_mg_per_m2或cyclophosphamide_mg_per_m2</translation>
    </message>
    <message>
        <source>BSA (Mosteller) from %1 cm and %2 kg = %3 m²</source>
        <translation>按%1 cm和%2 kg计算的体表面积（Mosteller公式）= %3 m²</translation>
    </message>
    <message>
        <source>%1 %2 mg/m² × %3 m² = %4 mg per day</source>
        <translation>%1 %2 mg/m² × %3 m² = 每日%4 mg</translation>
    </message>
    <message>
        <source>above</source>
        <translation>高于</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>%1 given %2 mg is %3% %4 the planned %5 mg: more than 10% off, please check</source>
        <translation>%1实际给药%2 mg，%4计划剂量%5 mg %3%：偏差超过10%，请核对</translation>
    </message>
    <message>
        <source>%1 given %2 mg is %3% %4 the planned %5 mg: within 10%</source>
        <translation>%1实际给药%2 mg，%4计划剂量%5 mg %3%：偏差在10%以内</translation>
    </message>
    <message>
        <source>Fludarabine</source>
        <translation>氟达拉滨</translation>
    </message>
    <message>
        <source>Cyclophosphamide</source>
        <translation>环磷酰胺</translation>
    </message>
    <message>
        <source>CAR-T dose: %1 CAR-positive viable T cells ÷ %2 kg = %3 cells/kg</source>
        <translation>CAR-T剂量：%1个CAR阳性活T细胞 ÷ %2 kg = %3个细胞/kg</translation>
    </message>
    <message>
        <source>MRD not measured: its method and level are needed</source>
        <translation>未检测MRD：需要检测方法和水平</translation>
    </message>
    <message>
        <source>Unknown derivation &quot;%1&quot;</source>
        <translation>未知推导“%1”</translation>
    </message>
    <message>
        <source>%1 is not a known screening field</source>
        <translation>%1不是已知的筛选字段</translation>
    </message>
    <message>
        <source>a date (yyyy-MM-dd)</source>
        <translation>日期（yyyy-MM-dd）</translation>
    </message>
    <message>
        <source>&quot;M&quot; or &quot;F&quot;</source>
        <translation>“M”或“F”</translation>
    </message>
    <message>
        <source>a number, not negative</source>
        <translation>非负数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true或false</translation>
    </message>
    <message>
        <source>&quot;mg_dl&quot; or &quot;umol_l&quot;</source>
        <translation>“mg_dl”或“umol_l”</translation>
    </message>
    <message>
        <source>%1 must be %2</source>
        <translation>%1必须为%2</translation>
    </message>
    <message>
        <source>Age %1 to %2 years at consent</source>
        <translation>签署知情同意时年龄%1至%2岁</translation>
    </message>
    <message>
        <source>Date of birth or consent date not recorded</source>
        <translation>未记录出生日期或知情同意日期</translation>
    </message>
    <message>
        <source>Consent date is before the date of birth</source>
        <translation>知情同意日期早于出生日期</translation>
    </message>
    <message>
        <source>Age %1 years at consent is outside %2 to %3</source>
        <translation>签署知情同意时年龄%1岁，不在%2至%3岁范围内</translation>
    </message>
    <message>
        <source>Age %1 years at consent</source>
        <translation>签署知情同意时年龄%1岁</translation>
    </message>
    <message>
        <source>%1 or its upper limit of normal not recorded</source>
        <translation>未记录%1或其正常值上限</translation>
    </message>
    <message>
        <source>%1 %2 is %3 × ULN (%4 %5 × ULN)</source>
        <translation>%1 %2为%3 × ULN（%4 %5 × ULN）</translation>
    </message>
    <message>
        <source>AST and ALT ≤ 2.5 × ULN</source>
        <translation>AST和ALT ≤ 2.5 × ULN</translation>
    </message>
    <message>
        <source>Total bilirubin ≤ 2 × ULN</source>
        <translation>总胆红素 ≤ 2 × ULN</translation>
    </message>
    <message>
        <source>Total bilirubin</source>
        <translation>总胆红素</translation>
    </message>
    <message>
        <source>Kidney function within the protocol limits for age and sex</source>
        <translation>肾功能在方案规定的年龄和性别限值内</translation>
    </message>
    <message>
        <source>Age at consent not known</source>
        <translation>签署知情同意时年龄未知</translation>
    </message>
    <message>
        <source>Serum creatinine or its unit not recorded</source>
        <translation>未记录血清肌酐或其单位</translation>
    </message>
    <message>
        <source>Adult: creatinine clearance ≥ 60 mL/min (Cockcroft–Gault) or creatinine ≤ 1.5 × ULN</source>
        <translation>成人：肌酐清除率 ≥ 60 mL/min（Cockcroft–Gault公式）或肌酐 ≤ 1.5 × ULN</translation>
    </message>
    <message>
        <source>Creatinine clearance %1 mL/min (Cockcroft–Gault)</source>
        <translation>肌酐清除率%1 mL/min（Cockcroft–Gault公式）</translation>
    </message>
    <message>
        <source>Clearance not computable (sex or weight not recorded)</source>
        <translation>无法计算清除率（未记录性别或体重）</translation>
    </message>
    <message>
        <source>Creatinine %1 × ULN</source>
        <translation>肌酐%1 × ULN</translation>
    </message>
    <message>
        <source>Creatinine upper limit of normal not recorded</source>
        <translation>未记录肌酐正常值上限</translation>
    </message>
    <message>
        <source>Sex not recorded: the limit under 18 depends on it</source>
        <translation>未记录性别：18岁以下的限值取决于性别</translation>
    </message>
    <message>
        <source>The protocol gives no creatinine limit at age %1</source>
        <translation>方案未规定%1岁的肌酐限值</translation>
    </message>
    <message>
        <source>Creatinine ≤ %1 mg/dL (age %2, %3)</source>
        <translation>肌酐 ≤ %1 mg/dL（年龄%2岁，%3）</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>Creatinine %1 mg/dL</source>
        <translation>肌酐%1 mg/dL</translation>
    </message>
    <message>
        <source>%1 not recorded</source>
        <translation>未记录%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>QTcF &lt; 470 ms</source>
        <translation>QTcF &lt; 470 ms</translation>
    </message>
    <message>
        <source> (Fridericia from QT)</source>
        <translation>（由QT按Fridericia法计算）</translation>
    </message>
    <message>
        <source>QTcF, or QT with heart rate, not recorded</source>
        <translation>未记录QTcF，或QT及心率</translation>
    </message>
    <message>
        <source>QTcF %1 ms%2</source>
        <translation>QTcF %1 ms%2</translation>
    </message>
    <message>
        <source>Blood pressure &lt; 150/95 mmHg</source>
        <translation>血压 &lt; 150/95 mmHg</translation>
    </message>
    <message>
        <source>Blood pressure %1/%2 mmHg</source>
        <translation>血压%1/%2 mmHg</translation>
    </message>
    <message>
        <source>Blood pressure not recorded</source>
        <translation>未记录血压</translation>
    </message>
    <message>
        <source>Negative pregnancy test for women of childbearing potential</source>
        <translation>育龄期女性妊娠试验阴性</translation>
    </message>
    <message>
        <source>Sex not recorded</source>
        <translation>未记录性别</translation>
    </message>
    <message>
        <source>Not applicable to men</source>
        <translation>不适用于男性</translation>
    </message>
    <message>
        <source>Childbearing potential not recorded</source>
        <translation>未记录是否有生育能力</translation>
    </message>
    <message>
        <source>Not of childbearing potential</source>
        <translation>无生育能力</translation>
    </message>
    <message>
        <source>Pregnancy test result not recorded</source>
        <translation>未记录妊娠试验结果</translation>
    </message>
    <message>
        <source>Pregnancy test positive</source>
        <translation>妊娠试验阳性</translation>
    </message>
    <message>
        <source>Pregnancy test negative</source>
        <translation>妊娠试验阴性</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>未记录：%1</translation>
    </message>
    <message>
        <source>Not positive on both syphilis tests (treponemal and non-treponemal)</source>
        <translation>梅毒两项检测（特异性和非特异性抗体）未同时阳性</translation>
    </message>
    <message>
        <source>Both syphilis tests positive</source>
        <translation>梅毒两项检测均为阳性</translation>
    </message>
    <message>
        <source>At least one syphilis test negative</source>
        <translation>至少一项梅毒检测阴性</translation>
    </message>
    <message>
        <source>Syphilis test results not recorded</source>
        <translation>未记录梅毒检测结果</translation>
    </message>
    <message>
        <source>CD19-positive by flow cytometry</source>
        <translation>流式细胞术检测CD19阳性</translation>
    </message>
    <message>
        <source>CD19 status not recorded</source>
        <translation>未记录CD19状态</translation>
    </message>
    <message>
        <source>CD19 positive</source>
        <translation>CD19阳性</translation>
    </message>
    <message>
        <source>CD19 negative</source>
        <translation>CD19阴性</translation>
    </message>
    <message>
        <source>ECOG performance status 0 or 1</source>
        <translation>ECOG体能状态评分0或1</translation>
    </message>
    <message>
        <source>Bone marrow blasts &gt; 5%</source>
        <translation>骨髓原始细胞 &gt; 5%</translation>
    </message>
    <message>
        <source>Marrow blasts (%)</source>
        <translation>骨髓原始细胞（%）</translation>
    </message>
    <message>
        <source>SpO2 &gt; 92% on room air</source>
        <translation>未吸氧时SpO2 &gt; 92%</translation>
    </message>
    <message>
        <source>SpO2 (%)</source>
        <translation>SpO2（%）</translation>
    </message>
    <message>
        <source>LVEF ≥ 50%</source>
        <translation>LVEF ≥ 50%</translation>
    </message>
    <message>
        <source>LVEF (%)</source>
        <translation>LVEF（%）</translation>
    </message>
    <message>
        <source>No previous haematopoietic stem cell transplant</source>
        <translation>既往未接受造血干细胞移植</translation>
    </message>
    <message>
        <source>Previous transplant</source>
        <translation>既往接受过移植</translation>
    </message>
    <message>
        <source>No previous transplant</source>
        <translation>既往未接受移植</translation>
    </message>
    <message>
        <source>No previous CD19-directed therapy or CAR-T</source>
        <translation>既往未接受CD19靶向治疗或CAR-T治疗</translation>
    </message>
    <message>
        <source>Previous CD19-directed therapy or CAR-T</source>
        <translation>既往接受过CD19靶向治疗或CAR-T治疗</translation>
    </message>
    <message>
        <source>HBsAg</source>
        <translation>HBsAg</translation>
    </message>
    <message>
        <source>HBV DNA</source>
        <translation>HBV DNA</translation>
    </message>
    <message>
        <source>HCV RNA</source>
        <translation>HCV RNA</translation>
    </message>
    <message>
        <source>HIV</source>
        <translation>HIV</translation>
    </message>
    <message>
        <source>CMV DNA</source>
        <translation>CMV DNA</translation>
    </message>
    <message>
        <source>EBV DNA</source>
        <translation>EBV DNA</translation>
    </message>
    <message>
        <source>%1 negative</source>
        <translation>%1阴性</translation>
    </message>
    <message>
        <source>%1 positive</source>
        <translation>%1阳性</translation>
    </message>
    <message>
        <source>Lansky (under 16) or Karnofsky (16 and over) &gt; 50%</source>
        <translation>Lansky评分（16岁以下）或Karnofsky评分（16岁及以上）&gt; 50%</translation>
    </message>
    <message>
        <source>Age at consent not known: the scale depends on it</source>
        <translation>签署知情同意时年龄未知：所用量表取决于年龄</translation>
    </message>
    <message>
        <source>Karnofsky</source>
        <translation>Karnofsky评分</translation>
    </message>
    <message>
        <source>Lansky</source>
        <translation>Lansky评分</translation>
    </message>
    <message>
        <source>%1 not recorded (age %2)</source>
        <translation>未记录%1（年龄%2岁）</translation>
    </message>
    <message>
        <source>%1 %2% at age %3</source>
        <translation>%1 %2%（年龄%3岁）</translation>
    </message>
    <message>
        <source>Leukemia in the bone marrow (marrow blasts above 0%)</source>
        <translation>骨髓中存在白血病（骨髓原始细胞高于0%）</translation>
    </message>
    <message>
        <source>No previous anti-CD19 or anti-CD20 therapy</source>
        <translation>既往未接受抗CD19或抗CD20治疗</translation>
    </message>
    <message>
        <source>Previous anti-CD19 or anti-CD20 therapy</source>
        <translation>既往接受过抗CD19或抗CD20治疗</translation>
    </message>
    <message>
        <source>The %1 date is required</source>
        <translation>必须填写%1日期</translation>
    </message>
    <message>
        <source>The relapse date is before the %1 date</source>
        <translation>复发日期早于%1日期</translation>
    </message>
    <message>
        <source>The death date is before the %1 date</source>
        <translation>死亡日期早于%1日期</translation>
    </message>
    <message>
        <source>A death needs its cause (relapse or non-relapse)</source>
        <translation>死亡需注明原因（复发或非复发）</translation>
    </message>
    <message>
        <source>MRD positive on %1</source>
        <translation>%1 MRD阳性</translation>
    </message>
    <message>
        <source>Relapse on %1</source>
        <translation>%1复发</translation>
    </message>
    <message>
        <source>Non-relapse death on %1</source>
        <translation>%1非复发死亡</translation>
    </message>
    <message>
        <source>No MRD-negative assessment after randomization: censored at randomization</source>
        <translation>随机化后无MRD阴性评估：于随机化时删失</translation>
    </message>
    <message>
        <source>Censored at the last MRD-negative assessment on %1</source>
        <translation>于最后一次MRD阴性评估（%1）删失</translation>
    </message>
    <message>
        <source>Death on %1</source>
        <translation>%1死亡</translation>
    </message>
    <message>
        <source>Censored at the last disease assessment on %1</source>
        <translation>于最后一次疾病评估（%1）删失</translation>
    </message>
    <message>
        <source>Non-relapse death on %1: competing risk</source>
        <translation>%1非复发死亡：竞争风险</translation>
    </message>
    <message>
        <source>Censored at the last date known alive, %1</source>
        <translation>于最后已知存活日期%1删失</translation>
    </message>
    <message>
        <source>%1 on day %2 (by day %3)</source>
        <translation>第%2天出现%1（截至第%3天）</translation>
    </message>
    <message>
        <source>No %1 by day %2</source>
        <translation>截至第%2天未出现%1</translation>
    </message>
    <message>
        <source>Follow-up ended on day %1, before day %2</source>
        <translation>随访于第%1天结束，早于第%2天</translation>
    </message>
    <message>
        <source>Relapse or death</source>
        <translation>复发或死亡</translation>
    </message>
    <message>
        <source>Death</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>ICE score 10/10: no encephalopathy</source>
        <translation>ICE评分10/10：无脑病</translation>
    </message>
    <message>
        <source>ICE score %1/10 (7–9): grade 1</source>
        <translation>ICE评分%1/10（7–9）：1级</translation>
    </message>
    <message>
        <source>ICE score %1/10 (3–6): grade 2</source>
        <translation>ICE评分%1/10（3–6）：2级</translation>
    </message>
    <message>
        <source>ICE score %1/10 (0–2): grade 3</source>
        <translation>ICE评分%1/10（0–2）：3级</translation>
    </message>
    <message>
        <source>ICE score 0 because the patient is unarousable and cannot do ICE: grade 4</source>
        <translation>患者无法唤醒、不能完成ICE，ICE评分为0：4级</translation>
    </message>
    <message>
        <source>ICE score 0 in an awake patient: grade 3</source>
        <translation>清醒患者ICE评分为0：3级</translation>
    </message>
    <message>
        <source>CAPD score 0: no encephalopathy</source>
        <translation>CAPD评分0：无脑病</translation>
    </message>
    <message>
        <source>CAPD score %1 (1–8): grade 1</source>
        <translation>CAPD评分%1（1–8）：1级</translation>
    </message>
    <message>
        <source>CAPD score %1 (≥ 9): grade 3</source>
        <translation>CAPD评分%1（≥ 9）：3级</translation>
    </message>
    <message>
        <source>Alert: no depressed consciousness</source>
        <translation>清醒：无意识水平下降</translation>
    </message>
    <message>
        <source>Awakens spontaneously: grade 1</source>
        <translation>可自主觉醒：1级</translation>
    </message>
    <message>
        <source>Awakens to voice: grade 2</source>
        <translation>对声音刺激可唤醒：2级</translation>
    </message>
    <message>
        <source>Awakens only to touch: grade 3</source>
        <translation>仅对触觉刺激可唤醒：3级</translation>
    </message>
    <message>
        <source>Unarousable, or needs vigorous or repeated touch to wake: grade 4</source>
        <translation>无法唤醒，或需强烈或反复触觉刺激方可唤醒：4级</translation>
    </message>
    <message>
        <source>No seizure</source>
        <translation>无癫痫发作</translation>
    </message>
    <message>
        <source>Repeated seizures without return to baseline in between: grade 4</source>
        <translation>反复癫痫发作，发作间期未恢复至基线：4级</translation>
    </message>
    <message>
        <source>Non-convulsive seizure on EEG that resolved with treatment: grade 3</source>
        <translation>脑电图示非惊厥性癫痫发作，经治疗缓解：3级</translation>
    </message>
    <message>
        <source>Clinical seizure that resolved: grade 3</source>
        <translation>临床癫痫发作，已缓解：3级</translation>
    </message>
    <message>
        <source>Seizure of exactly 5 min: grade 4 needs more than 5 min, so grade 3 is proposed for the investigator to review</source>
        <translation>癫痫发作恰为5分钟：4级需超过5分钟，故建议3级，由研究者审核</translation>
    </message>
    <message>
        <source>Non-convulsive seizure on EEG lasting %1 min (more than 5 min) that resolved with treatment: the rules do not decide; grade 4 proposed for the investigator to review</source>
        <translation>脑电图示非惊厥性癫痫发作持续%1分钟（超过5分钟），经治疗缓解：规则无法判定；建议4级，由研究者审核</translation>
    </message>
    <message>
        <source>Prolonged seizure of %1 min (more than 5 min): grade 4</source>
        <translation>癫痫持续发作%1分钟（超过5分钟）：4级</translation>
    </message>
    <message>
        <source>Non-convulsive seizure on EEG of %1 min that resolved with treatment: grade 3</source>
        <translation>脑电图示非惊厥性癫痫发作%1分钟，经治疗缓解：3级</translation>
    </message>
    <message>
        <source>Clinical seizure of %1 min that resolved (not more than 5 min): grade 3</source>
        <translation>临床癫痫发作%1分钟，已缓解（不超过5分钟）：3级</translation>
    </message>
    <message>
        <source>No motor findings</source>
        <translation>无运动功能异常</translation>
    </message>
    <message>
        <source>Tremor is graded with CTCAE and does not count for ICANS</source>
        <translation>震颤按CTCAE分级，不计入ICANS</translation>
    </message>
    <message>
        <source>Myoclonus is graded with CTCAE and does not count for ICANS</source>
        <translation>肌阵挛按CTCAE分级，不计入ICANS</translation>
    </message>
    <message>
        <source>Deep focal motor weakness (hemiparesis or paraparesis): grade 4</source>
        <translation>严重局灶性运动无力（偏瘫或截瘫）：4级</translation>
    </message>
    <message>
        <source>Focal or local edema on neuroimaging: grade 3</source>
        <translation>神经影像示局灶性或局部水肿：3级</translation>
    </message>
    <message>
        <source>Diffuse cerebral edema on neuroimaging: grade 4</source>
        <translation>神经影像示弥漫性脑水肿：4级</translation>
    </message>
    <message>
        <source>Decerebrate posturing: grade 4</source>
        <translation>去大脑强直：4级</translation>
    </message>
    <message>
        <source>Decorticate posturing: grade 4</source>
        <translation>去皮质强直：4级</translation>
    </message>
    <message>
        <source>Cranial nerve VI palsy: grade 4</source>
        <translation>第VI对脑神经麻痹：4级</translation>
    </message>
    <message>
        <source>Papilledema: grade 4</source>
        <translation>视乳头水肿：4级</translation>
    </message>
    <message>
        <source>Cushing&apos;s triad: grade 4</source>
        <translation>库欣三联征：4级</translation>
    </message>
    <message>
        <source>Intracranial haemorrhage does not count for ICANS</source>
        <translation>颅内出血不计入ICANS</translation>
    </message>
    <message>
        <source>Age %1 years with developmental delay: CAPD is used</source>
        <translation>%1岁，伴发育迟缓：使用CAPD</translation>
    </message>
    <message>
        <source>Age %1 years: CAPD is used under %2 years</source>
        <translation>%1岁：%2岁以下使用CAPD</translation>
    </message>
    <message>
        <source>Age %1 years: ICE is used from %2 years</source>
        <translation>%1岁：%2岁及以上使用ICE</translation>
    </message>
    <message>
        <source>At exactly %1 years either instrument is accepted; only %2 was done</source>
        <translation>恰为%1岁时两种工具均可接受；仅完成了%2</translation>
    </message>
    <message>
        <source>Unable to perform CAPD: grade 4</source>
        <translation>无法进行CAPD评估：4级</translation>
    </message>
    <message>
        <source>Encephalopathy (%1) attributed to another cause by the investigator: not counted</source>
        <translation>研究者判定脑病（%1）归因于其他原因：不计入</translation>
    </message>
    <message>
        <source>Unarousable and unable to do ICE: grade 4</source>
        <translation>无法唤醒且不能完成ICE：4级</translation>
    </message>
    <message>
        <source>ICE not done: the encephalopathy domain is not assessed</source>
        <translation>未进行ICE：未评估脑病维度</translation>
    </message>
    <message>
        <source>CAPD was also done: %1</source>
        <translation>同时完成了CAPD：%1</translation>
    </message>
    <message>
        <source>At exactly %1 years the sources disagree on ICE or CAPD, and here they give different grades (ICE %2, CAPD %3): investigator to review</source>
        <translation>恰为%1岁时各文献对使用ICE还是CAPD意见不一，且此处两者分级不同（ICE %2级，CAPD %3级）：由研究者审核</translation>
    </message>
    <message>
        <source>With CAPD, grade 2 comes only from consciousness (awakens to voice)</source>
        <translation>使用CAPD时，2级仅由意识水平（对声音刺激可唤醒）判定</translation>
    </message>
    <message>
        <source>Unarousable and unable to do CAPD: grade 4</source>
        <translation>无法唤醒且不能完成CAPD：4级</translation>
    </message>
    <message>
        <source>CAPD not done: the encephalopathy domain is not assessed</source>
        <translation>未进行CAPD：未评估脑病维度</translation>
    </message>
    <message>
        <source>ICE was also done: %1</source>
        <translation>同时完成了ICE：%1</translation>
    </message>
    <message>
        <source>A CAPD score was also recorded but ICE is the instrument at this age: CAPD not used</source>
        <translation>同时记录了CAPD评分，但该年龄应使用ICE：不采用CAPD</translation>
    </message>
    <message>
        <source>An ICE score was also recorded but CAPD is the instrument here: ICE not used</source>
        <translation>同时记录了ICE评分，但此处应使用CAPD：不采用ICE</translation>
    </message>
    <message>
        <source>%1 attributed to another cause by the investigator: not counted</source>
        <translation>研究者判定%1归因于其他原因：不计入</translation>
    </message>
    <message>
        <source>Depressed consciousness</source>
        <translation>意识水平下降</translation>
    </message>
    <message>
        <source>Seizure</source>
        <translation>癫痫发作</translation>
    </message>
    <message>
        <source>Motor findings</source>
        <translation>运动功能异常</translation>
    </message>
    <message>
        <source>Raised intracranial pressure or cerebral edema attributed to another cause by the investigator: not counted</source>
        <translation>研究者判定颅内压增高或脑水肿归因于其他原因：不计入</translation>
    </message>
    <message>
        <source>No signs of raised intracranial pressure or cerebral edema recorded</source>
        <translation>未记录颅内压增高或脑水肿的体征</translation>
    </message>
    <message>
        <source>Death due to ICANS: grade 5</source>
        <translation>死于ICANS：5级</translation>
    </message>
    <message>
        <source>No domain reaches grade 1: no ICANS (grade 0)</source>
        <translation>各维度均未达1级：无ICANS（0级）</translation>
    </message>
    <message>
        <source>ICANS grade is the most severe domain: grade %1</source>
        <translation>ICANS分级取各维度中最重者：%1级</translation>
    </message>
    <message>
        <source>from %1 to %2%3</source>
        <translation>%1至%2%3</translation>
    </message>
    <message>
        <source>greater than %1 and at most %2%3</source>
        <translation>大于%1且不超过%2%3</translation>
    </message>
    <message>
        <source>at least %1 and less than %2%3</source>
        <translation>不低于%1且小于%2%3</translation>
    </message>
    <message>
        <source>greater than %1 and less than %2%3</source>
        <translation>大于%1且小于%2%3</translation>
    </message>
    <message>
        <source>%1 is not an input of this derivation (known inputs: %2)</source>
        <translation>%1不是该推导的输入项（已知输入项：%2）</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>%1 = %2 is out of range: it must be %3</source>
        <translation>%1 = %2 超出范围：必须为%3</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>true, false, 1 or 0</source>
        <translation>true、false、1或0</translation>
    </message>
    <message>
        <source>%1 is required (one of: %2)</source>
        <translation>%1为必填项（可选：%2）</translation>
    </message>
    <message>
        <source>one of the codes %1</source>
        <translation>代码%1之一</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a known code (one of: %3)</source>
        <translation>%1：“%2”不是已知代码（可选：%3）</translation>
    </message>
    <message>
        <source>a list of codes (%1)</source>
        <translation>代码列表（%1）</translation>
    </message>
    <message>
        <source>(not text)</source>
        <translation>（非文本）</translation>
    </message>
    <message>
        <source>an object of named items</source>
        <translation>由命名项目组成的对象</translation>
    </message>
    <message>
        <source>%1 is not a known item (known items: %2)</source>
        <translation>%1不是已知项目（已知项目：%2）</translation>
    </message>
    <message>
        <source>Marrow blasts %1% (≥ 5%)</source>
        <translation>骨髓原始细胞%1%（≥ 5%）</translation>
    </message>
    <message>
        <source>Extramedullary disease present</source>
        <translation>存在髓外病变</translation>
    </message>
    <message>
        <source>Circulating blasts after CR</source>
        <translation>CR后出现外周血原始细胞</translation>
    </message>
    <message>
        <source>Relapse after CR</source>
        <translation>CR后复发</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>未缓解</translation>
    </message>
    <message>
        <source>Marrow blasts not recorded: response not evaluable</source>
        <translation>未记录骨髓原始细胞：疗效无法评估</translation>
    </message>
    <message>
        <source>Extramedullary disease not recorded: response not evaluable</source>
        <translation>未记录髓外病变：疗效无法评估</translation>
    </message>
    <message>
        <source>Marrow blasts %1% (&lt; 5%) and no extramedullary disease</source>
        <translation>骨髓原始细胞%1%（&lt; 5%）且无髓外病变</translation>
    </message>
    <message>
        <source>Circulating blasts present: not CR or CRi; MLFS proposed for the investigator to review</source>
        <translation>存在外周血原始细胞：非CR或CRi；建议MLFS，由研究者审核</translation>
    </message>
    <message>
        <source>Circulating blasts or blood counts not recorded: CR and CRi cannot be told apart, MLFS at least</source>
        <translation>未记录外周血原始细胞或血细胞计数：无法区分CR与CRi，至少为MLFS</translation>
    </message>
    <message>
        <source>No circulating blasts</source>
        <translation>无外周血原始细胞</translation>
    </message>
    <message>
        <source>ANC %1 (≥ 1.0) and platelets %2 (≥ 100) × 10⁹/L: CR</source>
        <translation>ANC %1（≥ 1.0）且血小板%2（≥ 100）× 10⁹/L：CR</translation>
    </message>
    <message>
        <source>ANC %1 or platelets %2 × 10⁹/L below recovery (1.0 and 100): CRi</source>
        <translation>ANC %1或血小板%2 × 10⁹/L未达恢复标准（1.0和100）：CRi</translation>
    </message>
    <message>
        <source>flow cytometry</source>
        <translation>流式细胞术</translation>
    </message>
    <message>
        <source>NGS</source>
        <translation>二代测序（NGS）</translation>
    </message>
    <message>
        <source>MRD level not recorded</source>
        <translation>未记录MRD水平</translation>
    </message>
    <message>
        <source>MRD %1 by %2 is at or above %3: positive</source>
        <translation>%2检测MRD %1，不低于%3：阳性</translation>
    </message>
    <message>
        <source>Assay sensitivity not recorded: a negative result cannot be confirmed</source>
        <translation>未记录检测灵敏度：无法确认阴性结果</translation>
    </message>
    <message>
        <source>Assay sensitivity %1 does not reach %2 needed for %3: not evaluable</source>
        <translation>检测灵敏度%1未达到%3所需的%2：无法评估</translation>
    </message>
    <message>
        <source>MRD %1 by %2 is below %3 with an assay sensitive to %4: negative</source>
        <translation>%2检测MRD %1，低于%3，且检测灵敏度达%4：阴性</translation>
    </message>
    <message>
        <source>Infusion date not recorded</source>
        <translation>未记录回输日期</translation>
    </message>
    <message>
        <source>No assessment with MLFS or better and negative MRD by day 84 (12 weeks) after infusion</source>
        <translation>回输后第84天（12周）内无MLFS或更好且MRD阴性的评估</translation>
    </message>
    <message>
        <source>MLFS or better and MRD negative on day %1 after infusion (within 84 days)</source>
        <translation>回输后第%1天MLFS或更好且MRD阴性（84天内）</translation>
    </message>
    <message>
        <source>Relapse, no response or positive MRD on %1, after qualifying: not eligible</source>
        <translation>达标后于%1出现复发、未缓解或MRD阳性：不符合条件</translation>
    </message>
</context>
<context>
    <name>cellcrf::audit</name>
    <message>
        <source>This database has no local device.</source>
        <translation>此数据库没有本机设备。</translation>
    </message>
    <message>
        <source>signature %1 (%2) is not backed by a signature audit event: it was added outside CellCRF</source>
        <translation>签名%1（%2）没有对应的签名审计事件：它是在CellCRF之外添加的</translation>
    </message>
    <message>
        <source>signature %1 (%2) differs from the audit event that recorded it: its signer, time, meaning, form or content hash was changed outside CellCRF</source>
        <translation>签名%1（%2）与记录它的审计事件不一致：其签名人、时间、含义、表单或内容哈希在CellCRF之外被更改</translation>
    </message>
    <message>
        <source>signature %1 (%2) is shown as valid but the form&apos;s content no longer matches what was signed</source>
        <translation>签名%1（%2）显示为有效，但表单内容已与签名时不符</translation>
    </message>
    <message>
        <source>signature %1 (%2) has status &apos;%3&apos; without a signature_broken audit event</source>
        <translation>签名%1（%2）的状态为“%3”，但没有signature_broken审计事件</translation>
    </message>
    <message>
        <source>the signature recorded by this event (%1 %2) has no signature record: it was removed outside CellCRF</source>
        <translation>此事件记录的签名（%1 %2）没有签名记录：它在CellCRF之外被删除</translation>
    </message>
    <message>
        <source>a %1 refers to audit event %2, which does not record it: it was written outside CellCRF</source>
        <translation>%1引用的审计事件%2并未记录它：它是在CellCRF之外写入的</translation>
    </message>
    <message>
        <source>event %1 of device %2 follows event %3: %4 event(s) are missing from the chain</source>
        <translation>设备%2的事件%1紧接在事件%3之后：链中缺少%4个事件</translation>
    </message>
    <message>
        <source>the event id %1 does not match its device and counter (%2)</source>
        <translation>事件ID %1与其设备和计数（%2）不符</translation>
    </message>
    <message>
        <source>the previous-hash field does not match the hash of the event before it</source>
        <translation>前一哈希字段与前一事件的哈希不符</translation>
    </message>
    <message>
        <source>the content does not match its hash: the event (%1 of %2, %3 %4) was changed after it was written</source>
        <translation>内容与其哈希不符：该事件（%2的%1，%3 %4）在写入后被更改</translation>
    </message>
    <message>
        <source>device %1 recorded %2 event(s) but the trail holds %3: events were removed</source>
        <translation>设备%1记录了%2个事件，但审计追踪中只有%3个：有事件被删除</translation>
    </message>
    <message>
        <source>the value of item %1 refers to audit event %2, which does not exist</source>
        <translation>项目%1的值引用的审计事件%2不存在</translation>
    </message>
    <message>
        <source>the stored value of item %1 differs from what its audit event recorded: it was changed outside CellCRF</source>
        <translation>项目%1的存储值与其审计事件记录的不一致：它在CellCRF之外被更改</translation>
    </message>
    <message>
        <source>No such subject: %1.</source>
        <translation>不存在受试者：%1。</translation>
    </message>
    <message>
        <source>casebook signature %1 (%2) is not backed by a casebook_signature audit event: it was added outside CellCRF</source>
        <translation>病例簿签名 %1（%2）没有对应的 casebook_signature 稽查事件：它是在 CellCRF 之外添加的</translation>
    </message>
    <message>
        <source>casebook signature %1 (%2) differs from the audit event that recorded it: its signer, time, meaning, subject or content hash was changed outside CellCRF</source>
        <translation>病例簿签名 %1（%2）与记录它的稽查事件不一致：其签名人、时间、含义、受试者或内容哈希在 CellCRF 之外被修改</translation>
    </message>
    <message>
        <source>casebook signature %1 (%2) is shown as valid but the casebook no longer matches what was signed</source>
        <translation>病例簿签名 %1（%2）显示为有效，但病例簿已与签署时的内容不一致</translation>
    </message>
    <message>
        <source>casebook signature %1 (%2) has status &apos;%3&apos; without a signature_broken audit event</source>
        <translation>病例簿签名 %1（%2）的状态为“%3”，但没有 signature_broken 稽查事件</translation>
    </message>
    <message>
        <source>the casebook signature recorded by this event (%1) has no signature record: it was removed outside CellCRF</source>
        <translation>该事件记录的病例簿签名（%1）没有签名记录：它在 CellCRF 之外被删除</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::AuthService</name>
    <message>
        <source>The user name or password is not correct, or the account is locked or disabled. After %1 failed attempts an account is locked for %2 minutes.</source>
        <translation>用户名或密码不正确，或账户已被锁定或停用。连续%1次登录失败后，账户将被锁定%2分钟。</translation>
    </message>
    <message>
        <source>The cryptography library could not be initialised.</source>
        <translation>无法初始化加密库。</translation>
    </message>
    <message>
        <source>Not enough memory to hash the password.</source>
        <translation>内存不足，无法计算密码哈希。</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>不存在账户%1。</translation>
    </message>
    <message>
        <source>Your account has no role. Ask an administrator to grant you one.</source>
        <translation>您的账户没有角色。请联系管理员为您分配角色。</translation>
    </message>
    <message>
        <source>Your account does not hold the role %1.</source>
        <translation>您的账户不具有%1角色。</translation>
    </message>
    <message>
        <source>A password has at least %1 characters.</source>
        <translation>密码至少需要%1个字符。</translation>
    </message>
    <message>
        <source>A password may not contain the user name.</source>
        <translation>密码不能包含用户名。</translation>
    </message>
    <message>
        <source>A password may not be only spaces.</source>
        <translation>密码不能全为空格。</translation>
    </message>
    <message>
        <source>The new password must differ from the old one.</source>
        <translation>新密码必须与旧密码不同。</translation>
    </message>
    <message>
        <source>A user name has 2 to 32 lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>用户名由2至32个小写字母、数字、点、短横线或下划线组成。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s full name.</source>
        <translation>请输入此人的全名。</translation>
    </message>
    <message>
        <source>Grant the account at least one role.</source>
        <translation>请为账户至少分配一个角色。</translation>
    </message>
    <message>
        <source>%1 is not a role. Roles: %2.</source>
        <translation>%1不是角色。可用角色：%2。</translation>
    </message>
    <message>
        <source>Site %1 is not part of this study.</source>
        <translation>中心%1不属于本研究。</translation>
    </message>
    <message>
        <source>There is already an account %1.</source>
        <translation>账户%1已存在。</translation>
    </message>
    <message>
        <source>Give a reason for disabling the account.</source>
        <translation>请填写停用该账户的原因。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>您不能停用自己的账户。</translation>
    </message>
    <message>
        <source>This file already has accounts.</source>
        <translation>此文件已有账户。</translation>
    </message>
    <message>
        <source>This file already has accounts: an administrator creates further accounts.</source>
        <translation>此文件已有账户：请由管理员创建其他账户。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::DataLocks</name>
    <message>
        <source>This %1 is already locked (by %2).</source>
        <translation>该对象（%1）已被锁定（锁定人：%2）。</translation>
    </message>
    <message>
        <source>Give a reason for unlocking.</source>
        <translation>请填写解锁原因。</translation>
    </message>
    <message>
        <source>This %1 is not locked.</source>
        <translation>该对象（%1）未被锁定。</translation>
    </message>
    <message>
        <source>Form %1 has not been entered; there is nothing to lock.</source>
        <translation>表单%1尚未录入，无可锁定内容。</translation>
    </message>
    <message>
        <source>Form %1 is not locked.</source>
        <translation>表单%1未被锁定。</translation>
    </message>
    <message>
        <source>Only a data manager with access to every site may lock the whole study.</source>
        <translation>只有可访问所有中心的数据管理员才能锁定整个研究。</translation>
    </message>
    <message>
        <source>Only a data manager with access to every site may unlock the whole study.</source>
        <translation>只有可访问所有中心的数据管理员才能解锁整个研究。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::Permissions</name>
    <message>
        <source>view clinical data</source>
        <translation>查看临床数据</translation>
    </message>
    <message>
        <source>enter or change data</source>
        <translation>录入或修改数据</translation>
    </message>
    <message>
        <source>answer queries</source>
        <translation>回复质疑</translation>
    </message>
    <message>
        <source>open queries</source>
        <translation>发起质疑</translation>
    </message>
    <message>
        <source>close or re-open queries</source>
        <translation>关闭或重新开启质疑</translation>
    </message>
    <message>
        <source>verify source data</source>
        <translation>进行源数据核查</translation>
    </message>
    <message>
        <source>sign forms</source>
        <translation>签署表单</translation>
    </message>
    <message>
        <source>lock data</source>
        <translation>锁定数据</translation>
    </message>
    <message>
        <source>unlock data</source>
        <translation>解锁数据</translation>
    </message>
    <message>
        <source>export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>exchange sync packages</source>
        <translation>交换同步数据包</translation>
    </message>
    <message>
        <source>resolve sync conflicts</source>
        <translation>解决同步冲突</translation>
    </message>
    <message>
        <source>manage user accounts</source>
        <translation>管理用户账户</translation>
    </message>
    <message>
        <source>manage devices</source>
        <translation>管理设备</translation>
    </message>
    <message>
        <source>study nurse</source>
        <translation>研究护士</translation>
    </message>
    <message>
        <source>investigator</source>
        <translation>研究者</translation>
    </message>
    <message>
        <source>monitor</source>
        <translation>监查员</translation>
    </message>
    <message>
        <source>data manager</source>
        <translation>数据管理员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>system process</source>
        <translation>系统进程</translation>
    </message>
    <message>
        <source>user without a role</source>
        <translation>无角色的用户</translation>
    </message>
    <message>
        <source>user in role &apos;%1&apos;</source>
        <translation>角色为“%1”的用户</translation>
    </message>
    <message>
        <source>An %1 may not %2. Ask an %3.</source>
        <translation>%1无权%2。请联系%3。</translation>
    </message>
    <message>
        <source>An %1 may not %2. Ask a %3.</source>
        <translation>%1无权%2。请联系%3。</translation>
    </message>
    <message>
        <source>A %1 may not %2. Ask an %3.</source>
        <translation>%1无权%2。请联系%3。</translation>
    </message>
    <message>
        <source>A %1 may not %2. Ask a %3.</source>
        <translation>%1无权%2。请联系%3。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::Queries</name>
    <message>
        <source>The study has no item %1 on form %2 at event %3.</source>
        <translation>研究中在访视%3的表单%2上没有项目%1。</translation>
    </message>
    <message>
        <source>Write the question of the query.</source>
        <translation>请填写质疑的问题。</translation>
    </message>
    <message>
        <source>This query is closed; it cannot be answered.</source>
        <translation>此质疑已关闭，无法回复。</translation>
    </message>
    <message>
        <source>This query is already closed.</source>
        <translation>此质疑已关闭。</translation>
    </message>
    <message>
        <source>This query is open; only a closed query can be re-opened.</source>
        <translation>此质疑处于开启状态；只有已关闭的质疑才能重新开启。</translation>
    </message>
    <message>
        <source>Write the answer.</source>
        <translation>请填写回复。</translation>
    </message>
    <message>
        <source>Say why the query is re-opened.</source>
        <translation>请说明重新开启质疑的原因。</translation>
    </message>
    <message>
        <source>Someone else changed this query; reload it.</source>
        <translation>他人已修改此质疑，请重新加载。</translation>
    </message>
    <message>
        <source>Only %1, who opened this query, or a data manager may close or re-open it.</source>
        <translation>只有发起此质疑的%1或数据管理员可以关闭或重新开启它。</translation>
    </message>
    <message>
        <source>There is no query %1.</source>
        <translation>不存在质疑%1。</translation>
    </message>
    <message>
        <source>You do not have access to the subjects of site %1.</source>
        <translation>您无权访问中心%1的受试者。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::Session</name>
    <message>
        <source>This session belongs to %1. Only they can resume it; anyone else must close it and log in.</source>
        <translation>此会话属于%1。只有本人可以恢复；其他人必须关闭会话后重新登录。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::Signatures</name>
    <message>
        <source>Only a complete form can be signed. Complete form %1 first.</source>
        <translation>只有已完成的表单才能签名。请先完成表单%1。</translation>
    </message>
    <message>
        <source>This form was changed by %1 after you opened it. Reopen it and review the current values before signing.</source>
        <translation>您打开此表单后，%1修改了它。请重新打开并核对当前数值后再签名。</translation>
    </message>
    <message>
        <source>This form changed while you were signing. Review it and sign again.</source>
        <translation>签名过程中表单发生了变化。请核对后重新签名。</translation>
    </message>
    <message>
        <source>The casebook of %1 holds no data yet: there is nothing to sign.</source>
        <translation>%1 的病例簿尚无数据：没有可签署的内容。</translation>
    </message>
    <message>
        <source>and %n more</source>
        <translation>以及另外 %n 项</translation>
    </message>
    <message>
        <source>The casebook of %1 cannot be signed while %n form(s) are not complete: %2. Complete them first.</source>
        <translation>%1 的病例簿有 %n 份表单尚未完成，无法签署：%2。请先完成这些表单。</translation>
    </message>
    <message>
        <source>The casebook of %1 cannot be signed while %n data clarification query(ies) are open. Have them answered and closed first.</source>
        <translation>%1 的病例簿有 %n 个数据澄清质疑尚未关闭，无法签署。请先答复并关闭这些质疑。</translation>
    </message>
    <message>
        <source>A casebook is signed for the content its signer reviewed: review the casebook of %1 first.</source>
        <translation>病例簿签署的是签名人审阅过的内容：请先审阅 %1 的病例簿。</translation>
    </message>
    <message>
        <source>The casebook of %1 changed after you reviewed it (it now holds %2 forms). Review it again before signing.</source>
        <translation>%1 的病例簿在您审阅后已发生变化（现有 %2 份表单）。请重新审阅后再签署。</translation>
    </message>
    <message>
        <source>You already signed the casebook of %1 as %2 on %3 UTC, and it has not changed since.</source>
        <translation>您已于 UTC %3 以“%2”签署了 %1 的病例簿，且此后内容未发生变化。</translation>
    </message>
    <message>
        <source>The casebook changed while you were signing. Review it and sign again.</source>
        <translation>签署过程中病例簿发生了变化。请重新审阅并再次签署。</translation>
    </message>
</context>
<context>
    <name>cellcrf::auth::SourceVerification</name>
    <message>
        <source>Form %1 holds no data to verify.</source>
        <translation>表单%1没有可核查的数据。</translation>
    </message>
    <message>
        <source>Form %1 has not been entered yet.</source>
        <translation>表单%1尚未录入。</translation>
    </message>
    <message>
        <source>Item %1 of form %2 holds no data to verify.</source>
        <translation>表单%2的项目%1没有可核查的数据。</translation>
    </message>
    <message>
        <source>This form changed while you were verifying it; reload it.</source>
        <translation>核查过程中表单发生了变化，请重新加载。</translation>
    </message>
</context>
<context>
    <name>cellcrf::clinical</name>
    <message>
        <source>Eligible: every criterion the data decide is met, and the decision is signed by %1.</source>
        <translation>符合入组条件：数据判定的各项标准均已满足，且入组决定已由%1签名。</translation>
    </message>
    <message>
        <source>Not eligible: %1 criterion(s) not met.</source>
        <translation>不符合入组条件：%1项标准未满足。</translation>
    </message>
    <message>
        <source>Not yet decided: data missing for %1 criterion(s).</source>
        <translation>尚未判定：%1项标准缺少数据。</translation>
    </message>
    <message>
        <source>The criteria are met; the investigator has not recorded the decision as eligible.</source>
        <translation>各项标准均已满足；研究者尚未记录符合入组条件的决定。</translation>
    </message>
    <message>
        <source>The criteria are met and the decision recorded; it awaits the investigator&apos;s signature.</source>
        <translation>各项标准均已满足且决定已记录，等待研究者签名。</translation>
    </message>
    <message>
        <source>No infusion date recorded yet</source>
        <translation>尚未记录回输日期</translation>
    </message>
</context>
<context>
    <name>cellcrf::demo</name>
    <message>
        <source>The number of subjects must be 1 to 100000.</source>
        <translation>受试者数量必须为1至100000。</translation>
    </message>
</context>
<context>
    <name>cellcrf::exchange</name>
    <message>
        <source>None of the chosen sites is open to %1.</source>
        <translation>所选研究中心均未向 %1 开放。</translation>
    </message>
</context>
<context>
    <name>cellcrf::exchange::ExportOptions</name>
    <message>
        <source>The date range starts after it ends.</source>
        <translation>日期范围的开始晚于结束。</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms</name>
    <message>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Open query</source>
        <translation>待答疑问</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应访视</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>已错过</translation>
    </message>
    <message>
        <source>As needed</source>
        <translation>按需</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛选期</translation>
    </message>
    <message>
        <source>Screen failed</source>
        <translation>筛选失败</translation>
    </message>
    <message>
        <source>On study</source>
        <translation>研究中</translation>
    </message>
    <message>
        <source>Randomized</source>
        <translation>已随机</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Study nurse</source>
        <translation>研究护士</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>研究者</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监查员</translation>
    </message>
    <message>
        <source>Data manager</source>
        <translation>数据管理员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::CasebookView</name>
    <message>
        <source>infused %1 (day %2 today)</source>
        <translation>回输日期 %1（今天为第 %2 天）</translation>
    </message>
    <message>
        <source>Window %1 to %2</source>
        <translation>访视窗 %1 至 %2</translation>
    </message>
    <message>
        <source>Scheduled from %1, not entered yet</source>
        <translation>以%1为基准安排，该日期尚未录入</translation>
    </message>
    <message>
        <source>Visit and forms</source>
        <translation>访视与表单</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Visit schedule</source>
        <translation>访视计划</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Toxicity flowsheet</source>
        <translation>毒性评估流程表</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>authored</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>%1 (%2) on %3: %4</source>
        <translation>%1（%2）于 %3：%4</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>broken by a later change</source>
        <translation>已因后续修改而失效</translation>
    </message>
    <message numerus="yes">
        <source>Casebook signed by %1 on %2 (%3, %n form(s))</source>
        <translation>
            <numerusform>病例簿已由 %1 于 %2 签署（%3，%n 份表单）</numerusform>
        </translation>
    </message>
    <message>
        <source>Casebook signature broken: data changed after %1 signed on %2</source>
        <translation>病例簿签名已失效：%1 于 %2 签署后数据发生了变化</translation>
    </message>
    <message>
        <source>Casebook not signed</source>
        <translation>病例簿未签署</translation>
    </message>
    <message numerus="yes">
        <source>Sign the casebook of %1: %n form(s) with data, content SHA-256 %2</source>
        <translation>
            <numerusform>签署 %1 的病例簿：%n 份含数据的表单，内容 SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign casebook</source>
        <translation>签署病例簿</translation>
    </message>
    <message numerus="yes">
        <source>the casebook of %1 (%n form(s) with data, content SHA-256 %2…)</source>
        <translation>
            <numerusform>%1 的病例簿（%n 份含数据的表单，内容 SHA-256 %2…）</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign casebook…</source>
        <translation>签署病例簿…</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::DashboardModel</name>
    <message>
        <source>%1 · %2: %3</source>
        <extracomment>dashboard cell: subject, visit, status</extracomment>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <source>D%1</source>
        <translation>第%1天</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::DashboardView</name>
    <message>
        <source>Enter or double-click a cell to open the visit.</source>
        <translation>按回车或双击单元格打开该访视。</translation>
    </message>
    <message>
        <source>Record status by subject and visit</source>
        <translation>按受试者和访视显示的记录状态</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::EligibilityPanel</name>
    <message>
        <source>%1 met · %2 not met · %3 missing data</source>
        <translation>符合 %1 项 · 不符合 %2 项 · 缺少数据 %3 项</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>符合入组条件</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>不符合入组条件</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>尚未记录</translation>
    </message>
    <message>
        <source>Investigator&apos;s decision: %1 · signed by %2</source>
        <translation>研究者判定：%1 · 已由 %2 签名</translation>
    </message>
    <message>
        <source>Investigator&apos;s decision: %1 · not signed</source>
        <translation>研究者判定：%1 · 尚未签名</translation>
    </message>
    <message>
        <source>Inclusion criteria</source>
        <translation>入选标准</translation>
    </message>
    <message>
        <source>Exclusion criteria</source>
        <translation>排除标准</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>NOT met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Missing data</source>
        <translation>缺少数据</translation>
    </message>
    <message>
        <source>Nothing to sign: the eligibility form has not been saved.</source>
        <translation>无可签名内容：入组资格表单尚未保存。</translation>
    </message>
    <message>
        <source>The decision is signed by %1.</source>
        <translation>该判定已由 %1 签名。</translation>
    </message>
    <message>
        <source>Approve the eligibility decision with your electronic signature</source>
        <translation>以电子签名批准入组资格判定</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>入组资格</translation>
    </message>
    <message>
        <source>Sign decision…</source>
        <translation>签署判定…</translation>
    </message>
    <message>
        <source>Sign the eligibility decision</source>
        <translation>签署入组资格判定</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Eligibility criteria</source>
        <translation>入组资格标准</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::ExportDialog</name>
    <message>
        <source>REDCap CSV</source>
        <translation>REDCap CSV</translation>
    </message>
    <message>
        <source>Data file, data dictionary and event mapping, ready to import into REDCap.</source>
        <translation>数据文件、数据字典和事件映射，可直接导入 REDCap。</translation>
    </message>
    <message>
        <source>REDCap CSV with labels</source>
        <translation>带标签的 REDCap CSV</translation>
    </message>
    <message>
        <source>The REDCap files with answer labels instead of codes, for people to read.</source>
        <translation>以选项标签代替代码的 REDCap 文件，便于人工阅读。</translation>
    </message>
    <message>
        <source>Long CSV</source>
        <translation>长格式 CSV</translation>
    </message>
    <message>
        <source>One row per item value, for statistics packages and spreadsheets.</source>
        <translation>每个条目值一行，适用于统计软件和电子表格。</translation>
    </message>
    <message>
        <source>Audit trail CSV</source>
        <translation>稽查轨迹 CSV</translation>
    </message>
    <message>
        <source>One row per audit event with its hash: who changed what, when and why.</source>
        <translation>每个稽查事件一行并附哈希：谁在何时因何修改了什么。</translation>
    </message>
    <message>
        <source>ODM snapshot</source>
        <translation>ODM 快照</translation>
    </message>
    <message>
        <source>CDISC ODM 1.3.2 XML of the current values with the study metadata.</source>
        <translation>CDISC ODM 1.3.2 XML：当前数值及研究元数据。</translation>
    </message>
    <message>
        <source>ODM transactional</source>
        <translation>ODM 事务型</translation>
    </message>
    <message>
        <source>CDISC ODM 1.3.2 XML with the full history of every value and signature.</source>
        <translation>CDISC ODM 1.3.2 XML：每个数值和签名的完整历史。</translation>
    </message>
    <message>
        <source>Endpoints dataset</source>
        <translation>终点数据集</translation>
    </message>
    <message>
        <source>One row per subject with the endpoints derived from the whole casebook.</source>
        <translation>每位受试者一行，包含由整个病例簿推导的终点。</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>&amp;Sites</source>
        <translation>中心(&amp;S)</translation>
    </message>
    <message>
        <source>F&amp;orms</source>
        <translation>表单(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>访视事件(&amp;E)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>全部中心</translation>
    </message>
    <message>
        <source>No site</source>
        <translation>未选中心</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>全部表单</translation>
    </message>
    <message>
        <source>No form</source>
        <translation>未选表单</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部访视事件</translation>
    </message>
    <message>
        <source>No event</source>
        <translation>未选访视事件</translation>
    </message>
    <message>
        <source>Changed from</source>
        <translation>修改日期自</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>First day of the date range</source>
        <translation>日期范围的第一天</translation>
    </message>
    <message>
        <source>Last day of the date range</source>
        <translation>日期范围的最后一天</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>Raw codes, for re-import</source>
        <translation>原始代码，用于重新导入</translation>
    </message>
    <message>
        <source>Labels, for people to read</source>
        <translation>选项标签，便于阅读</translation>
    </message>
    <message>
        <source>Start with a UTF-8 byte order mark (Excel on Chinese Windows needs it)</source>
        <translation>以 UTF-8 字节顺序标记（BOM）开头（中文版 Windows 上的 Excel 需要）</translation>
    </message>
    <message>
        <source>De-identify: drop items marked as identifiers, dates as days from consent (ages are kept)</source>
        <translation>去标识化：删除标记为标识符的条目，日期改为距知情同意的天数（保留年龄）</translation>
    </message>
    <message>
        <source>Site as REDCap data access group</source>
        <translation>中心作为 REDCap 数据访问组</translation>
    </message>
    <message>
        <source>Fol&amp;der</source>
        <translation>文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open the folder when the export is done</source>
        <translation>导出完成后打开文件夹</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The %1 format does not use this option.</source>
        <translation>%1 格式不使用此选项。</translation>
    </message>
    <message>
        <source>by the time of each audit event</source>
        <translation>按每个稽查事件的时间</translation>
    </message>
    <message>
        <source>by the time of each change</source>
        <translation>按每次修改的时间</translation>
    </message>
    <message>
        <source>by the day a form was last changed</source>
        <translation>按表单最后修改的日期</translation>
    </message>
    <message>
        <source>Codes as stored: the file re-imports exactly</source>
        <translation>按存储的代码：文件可原样重新导入</translation>
    </message>
    <message>
        <source>Answer labels instead of codes: not for re-import</source>
        <translation>以选项标签代替代码：不可用于重新导入</translation>
    </message>
    <message>
        <source>Without it, Excel may show Chinese text as garbled characters</source>
        <translation>没有它，Excel 可能将中文显示为乱码</translation>
    </message>
    <message>
        <source>Items marked as identifiers are left out; every date becomes the number of days from the subject&apos;s consent; ages stay as they are</source>
        <translation>标记为标识符的条目将被删除；每个日期改为距受试者知情同意的天数；年龄保持不变</translation>
    </message>
    <message>
        <source>Adds the column redcap_data_access_group with each subject&apos;s site</source>
        <translation>增加 redcap_data_access_group 列，填入每位受试者的中心</translation>
    </message>
    <message>
        <source>Write the files into a new folder inside the chosen folder</source>
        <translation>将文件写入所选文件夹中新建的文件夹</translation>
    </message>
    <message>
        <source>Stop the export; no file is left behind</source>
        <translation>停止导出；不会留下任何文件</translation>
    </message>
    <message>
        <source>The %1 cannot be stopped part way.</source>
        <translation>%1 无法中途停止。</translation>
    </message>
    <message>
        <source>Each export goes into a new folder with a manifest that records every option and the checksum of every file. Every export is recorded in the audit trail.</source>
        <translation>每次导出都会写入一个新文件夹，并附清单记录所有选项和每个文件的校验和。每次导出都记录在稽查轨迹中。</translation>
    </message>
    <message>
        <source>Folder for the export</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the export.</source>
        <translation>请选择导出文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder. Choose a folder for the export.</source>
        <translation>%1 是文件而不是文件夹。请选择导出文件夹。</translation>
    </message>
    <message>
        <source>CellCRF cannot write into the folder %1. Choose another folder; nothing was written.</source>
        <translation>CellCRF 无法写入文件夹 %1。请选择其他文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <source>Choose at least one site.</source>
        <translation>请至少选择一个中心。</translation>
    </message>
    <message>
        <source>Choose at least one form.</source>
        <translation>请至少选择一个表单。</translation>
    </message>
    <message>
        <source>Choose at least one event.</source>
        <translation>请至少选择一个访视事件。</translation>
    </message>
    <message>
        <source>Writing into %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Opening the study file…</source>
        <translation>正在打开研究文件…</translation>
    </message>
    <message>
        <source>Nothing matches the chosen options; writing the empty files…</source>
        <translation>没有符合所选条件的数据；正在写入空文件…</translation>
    </message>
    <message>
        <source>Audit event %L1 of %L2</source>
        <translation>稽查事件 %L1 / %L2</translation>
    </message>
    <message>
        <source>Subject %L1 of %L2</source>
        <translation>受试者 %L1 / %L2</translation>
    </message>
    <message>
        <source>The export did not run.</source>
        <translation>导出未运行。</translation>
    </message>
    <message>
        <source>The export was cancelled. No file was written.</source>
        <translation>导出已取消。未写入任何文件。</translation>
    </message>
    <message>
        <source>The export failed: %1
No file was written.</source>
        <translation>导出失败：%1
未写入任何文件。</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export finished.&lt;/b&gt; Files: %1, rows: %2, subjects: %3.&lt;br&gt;Folder: %4</source>
        <translation>&lt;b&gt;导出完成。&lt;/b&gt;文件：%1，行数：%2，受试者：%3。&lt;br&gt;文件夹：%4</translation>
    </message>
    <message>
        <source>Annotated blank CRF (PDF)</source>
        <translation>注释空白 CRF（PDF）</translation>
    </message>
    <message>
        <source>Every form with its variable names, types, code lists and ranges, as submissions require.</source>
        <translation>每份表单及其变量名、数据类型、代码表和取值范围，符合递交要求。</translation>
    </message>
    <message>
        <source>Subject casebooks (PDF)</source>
        <translation>受试者病例簿（PDF）</translation>
    </message>
    <message>
        <source>One PDF per subject with every form, its history summary and signatures, for archiving at the site.</source>
        <translation>每位受试者一个 PDF，包含每份表单、其历史摘要和签名，供研究中心归档。</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::FlowsheetModel</name>
    <message>
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <source>ICANS</source>
        <translation>ICANS</translation>
    </message>
    <message>
        <source>%1: none</source>
        <translation>%1：无</translation>
    </message>
    <message>
        <source>%1: maximum grade %2, onset %3, %4</source>
        <extracomment>toxicity summary: name, maximum grade, onset date, resolution</extracomment>
        <translation>%1：最高 %2 级，发生于 %3，%4</translation>
    </message>
    <message>
        <source>resolved %1</source>
        <translation>%1 缓解</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>持续中</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Derived by CellCRF as values are entered.</source>
        <translation>由 CellCRF 根据录入值自动计算。</translation>
    </message>
    <message>
        <source>Day %1
%2</source>
        <extracomment>flowsheet column: day since infusion, and its date</extracomment>
        <translation>第%1天
%2</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>第%1天</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Day %1: %2</source>
        <translation>第%1天：%2</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::FlowsheetView</name>
    <message>
        <source>The toxicity flowsheet</source>
        <translation>毒性评估流程表</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Days since infusion</source>
        <translation>回输后天数</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>CRS grade</source>
        <translation>CRS 分级</translation>
    </message>
    <message>
        <source>ICANS grade</source>
        <translation>ICANS 分级</translation>
    </message>
    <message>
        <source>Save days</source>
        <translation>保存各天</translation>
    </message>
    <message>
        <source>Save every changed day through the usual checks</source>
        <translation>按常规核查保存所有已修改的天</translation>
    </message>
    <message>
        <source>Toxicity flowsheet</source>
        <translation>毒性评估流程表</translation>
    </message>
    <message>
        <source>Grade by day</source>
        <translation>每日分级</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::FormView</name>
    <message>
        <source>Cannot open the form</source>
        <translation>无法打开表单</translation>
    </message>
    <message>
        <source>The form must be saved first.</source>
        <translation>请先保存表单。</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>YYYY-MM-DDTHH:MM</source>
        <translation>年-月-日T时:分</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, YYYY-MM or YYYY</source>
        <translation>年-月-日、年-月 或 年</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Pick a date (F4)</source>
        <translation>选择日期（F4）</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Computed by CellCRF; not editable.</source>
        <translation>由 CellCRF 计算，不可编辑。</translation>
    </message>
    <message>
        <source>Some values cannot be saved yet: see the messages in red.</source>
        <translation>部分数值尚无法保存：请查看红色提示。</translation>
    </message>
    <message>
        <source>Saving keeps this form incomplete until every message is resolved.</source>
        <translation>所有提示处理完毕前，保存后表单仍为未完成。</translation>
    </message>
    <message>
        <source>Enter the values; required items are marked *. Ctrl+S saves.</source>
        <translation>请录入数值；必填项标有 *。按 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>Everything required is entered: saving completes the form.</source>
        <translation>必填项均已录入：保存后表单即为完成。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (unsaved)</source>
        <translation>%1（未保存）</translation>
    </message>
    <message>
        <source>The form is locked.</source>
        <translation>表单已锁定。</translation>
    </message>
    <message>
        <source>Save the form (Ctrl+S)</source>
        <translation>保存表单（Ctrl+S）</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>签名…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Source data verified</source>
        <translation>源数据已核查</translation>
    </message>
    <message>
        <source>Nothing to verify: the form has not been saved.</source>
        <translation>无可核查内容：表单尚未保存。</translation>
    </message>
    <message>
        <source>Nothing to sign: the form has not been saved.</source>
        <translation>无可签名内容：表单尚未保存。</translation>
    </message>
    <message>
        <source>Save the changes before signing.</source>
        <translation>签名前请先保存修改。</translation>
    </message>
    <message>
        <source>Nothing to lock: the form has not been saved.</source>
        <translation>无可锁定内容：表单尚未保存。</translation>
    </message>
    <message>
        <source>Unlock the form, with a reason</source>
        <translation>解锁表单（需填写原因）</translation>
    </message>
    <message>
        <source>Lock the form against changes</source>
        <translation>锁定表单，禁止修改</translation>
    </message>
    <message>
        <source>Mark every entered item as verified against the source</source>
        <translation>将所有已录入项标记为已与源文件核对</translation>
    </message>
    <message>
        <source>Sign the form electronically</source>
        <translation>对表单进行电子签名</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未核查</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>解锁%1</translation>
    </message>
    <message>
        <source>Raise a query</source>
        <translation>发起质疑</translation>
    </message>
    <message>
        <source>Query on &quot;%1&quot;:</source>
        <translation>关于“%1”的质疑：</translation>
    </message>
    <message>
        <source>Query not raised</source>
        <translation>质疑未发起</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Some values cannot be saved. Correct the items marked in red and save again.</source>
        <translation>部分数值无法保存。请更正红色标记的项后重新保存。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <extracomment>reason-for-change list: item label, old value, new value</extracomment>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save form</source>
        <translation>保存表单</translation>
    </message>
    <message>
        <source>Choose a form from the visit schedule on the left.
Tab and Enter move between items; Ctrl+S saves.</source>
        <translation>请从左侧访视计划中选择表单。
Tab 键和回车键在各项之间移动；Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>I confirm this value</source>
        <translation>我确认此数值</translation>
    </message>
    <message>
        <source>Confirm %1</source>
        <translation>确认%1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>%1 的历史记录</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>尚无修改记录。</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Query “%1” (%2)</source>
        <extracomment>item context menu: a query&apos;s question (shortened) and its state</extracomment>
        <translation>质疑“%1”（%2）</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>答复…</translation>
    </message>
    <message>
        <source>This query is closed.</source>
        <translation>此质疑已关闭。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This query is already closed.</source>
        <translation>此质疑已关闭。</translation>
    </message>
    <message>
        <source>Re-open…</source>
        <translation>重新开启…</translation>
    </message>
    <message>
        <source>Only a closed query can be re-opened.</source>
        <translation>只有已关闭的质疑才能重新开启。</translation>
    </message>
    <message>
        <source>Answer the query</source>
        <translation>答复质疑</translation>
    </message>
    <message>
        <source>Answer to the query on &quot;%1&quot;:</source>
        <translation>对“%1”质疑的答复：</translation>
    </message>
    <message>
        <source>Close the query</source>
        <translation>关闭质疑</translation>
    </message>
    <message>
        <source>Close the query on &quot;%1&quot;?</source>
        <translation>关闭对“%1”的质疑？</translation>
    </message>
    <message>
        <source>Re-open the query</source>
        <translation>重新开启质疑</translation>
    </message>
    <message>
        <source>Why is the query on &quot;%1&quot; re-opened?</source>
        <translation>为什么重新开启对“%1”的质疑？</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>质疑</translation>
    </message>
    <message>
        <source>ND — not done</source>
        <translation>ND — 未做</translation>
    </message>
    <message>
        <source>UNK — unknown</source>
        <translation>UNK — 未知</translation>
    </message>
    <message>
        <source>NA — not applicable</source>
        <translation>NA — 不适用</translation>
    </message>
    <message>
        <source>Verified against the source by %1 on %2. Saving this change clears the mark.</source>
        <extracomment>source data verification of one item: who, date</extracomment>
        <translation>已由%1于%2完成源数据核查。保存此修改将清除核查标记。</translation>
    </message>
    <message>
        <source>Verified against the source by %1 on %2.</source>
        <translation>已由%1于%2完成源数据核查。</translation>
    </message>
    <message>
        <source>Nothing to verify: no value is saved for this item.</source>
        <translation>无可核查内容：此项目未保存数值。</translation>
    </message>
    <message>
        <source>Save the change before verifying it.</source>
        <translation>请先保存修改再进行核查。</translation>
    </message>
    <message>
        <source>Tick when this value matches the source document</source>
        <translation>数值与源文件一致时请勾选</translation>
    </message>
    <message>
        <source>&amp;History of this item…</source>
        <translation>此项目的历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Missing-data reason</source>
        <translation>缺失数据原因</translation>
    </message>
    <message>
        <source>The study allows no missing-data reason for this item: enter its value.</source>
        <translation>本研究不允许此项目填写缺失数据原因：请录入数值。</translation>
    </message>
    <message>
        <source>&amp;Not done (ND)</source>
        <translation>未做 (ND)(&amp;N)</translation>
    </message>
    <message>
        <source>Un&amp;known (UNK)</source>
        <translation>未知 (UNK)(&amp;K)</translation>
    </message>
    <message>
        <source>Not &amp;applicable (NA)</source>
        <translation>不适用 (NA)(&amp;A)</translation>
    </message>
    <message>
        <source>The value is missing: %1. The editor is cleared.</source>
        <translation>数值缺失：%1。编辑框已清空。</translation>
    </message>
    <message>
        <source>&amp;Clear the missing-data reason</source>
        <translation>清除缺失数据原因(&amp;C)</translation>
    </message>
    <message>
        <source>No missing-data reason is given.</source>
        <translation>未填写缺失数据原因。</translation>
    </message>
    <message>
        <source>&amp;Verify this item against the source</source>
        <translation>核查此项目与源文件一致(&amp;V)</translation>
    </message>
    <message>
        <source>Raise a &amp;query on this item…</source>
        <translation>对此项目发起质疑(&amp;Q)…</translation>
    </message>
    <message>
        <source>SDV</source>
        <extracomment>per-item tick: source data verified</extracomment>
        <translation>SDV</translation>
    </message>
    <message>
        <source>Source data verified: %1</source>
        <translation>源数据已核查：%1</translation>
    </message>
    <message>
        <source>History, missing-data reason, verification and queries of this item (Shift+F10)</source>
        <translation>此项目的历史记录、缺失数据原因、核查和质疑（Shift+F10）</translation>
    </message>
    <message>
        <source>Menu of %1</source>
        <translation>%1的菜单</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::LoginDialog</name>
    <message>
        <source>Sign in to CellCRF</source>
        <translation>登录 CellCRF</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This is a demonstration database. Choose an account to sign in as that role:</source>
        <translation>这是演示数据库。请选择一个账户，以该角色登录：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Demonstration accounts</source>
        <translation>演示账户</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::MainWindow</name>
    <message>
        <source>Session locked</source>
        <translation>会话已锁定</translation>
    </message>
    <message>
        <source>The session of %1 is locked. Enter the password to continue.</source>
        <translation>%1 的会话已锁定。请输入密码以继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>%1 — CellCRF[*]</source>
        <translation>%1 — CellCRF[*]</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>受试者</translation>
    </message>
    <message>
        <source>Casebook</source>
        <translation>病例本</translation>
    </message>
    <message>
        <source>Record status</source>
        <translation>记录状态</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open study file…</source>
        <translation>打开研究文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Subjects</source>
        <translation>受试者(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find subject</source>
        <translation>查找受试者(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>登录账户：%1</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>Sites: all</source>
        <translation>中心：全部</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>中心：%1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>%1 (demonstration)</source>
        <translation>%1（演示）</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export data for analysis or archiving (Ctrl+E)</source>
        <translation>导出数据用于分析或归档（Ctrl+E）</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::NewSubjectDialog</name>
    <message>
        <source>New subject</source>
        <translation>新增受试者</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>研究中心</translation>
    </message>
    <message>
        <source>Screening number</source>
        <translation>筛选号</translation>
    </message>
    <message>
        <source>e.g. 001</source>
        <translation>例如 001</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>姓名缩写</translation>
    </message>
    <message>
        <source>Date of informed consent</source>
        <translation>签署知情同意书日期</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Informed consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <source>The subject is registered, but the consent date was not saved: %1</source>
        <translation>受试者已登记，但知情同意日期未保存：%1</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::SubjectListView</name>
    <message>
        <source>Find subject, initials or number (Ctrl+F)</source>
        <translation>查找受试者、姓名缩写或编号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Find subject</source>
        <translation>查找受试者</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <source>Site filter</source>
        <translation>中心筛选</translation>
    </message>
    <message>
        <source>New subject…</source>
        <translation>新增受试者…</translation>
    </message>
    <message>
        <source>New subject</source>
        <translation>新增受试者</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>受试者</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>全部中心</translation>
    </message>
    <message>
        <source>Register a new subject (Ctrl+N)</source>
        <translation>登记新受试者（Ctrl+N）</translation>
    </message>
    <message numerus="yes">
        <source>%n subject(s)</source>
        <translation>
            <numerusform>%n 例受试者</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::SubjectTableModel</name>
    <message>
        <source>%1 · %2</source>
        <extracomment>next visit in the subject list: visit name, target date</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>受试者</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>姓名缩写</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次访视</translation>
    </message>
    <message>
        <source>Open queries</source>
        <translation>待答疑问</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>研究中心</translation>
    </message>
</context>
<context>
    <name>cellcrf::forms::WidgetPrompt</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved.</source>
        <translation>%1 有尚未保存的修改。</translation>
    </message>
    <message>
        <source>Save them now, discard them, or go back to the form?</source>
        <translation>现在保存、放弃修改，还是返回表单？</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Reason for change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Saved values change. The audit trail records why:</source>
        <translation>已保存的数值将被修改。稽查轨迹将记录原因：</translation>
    </message>
    <message>
        <source>Transcription error corrected</source>
        <translation>更正转录错误</translation>
    </message>
    <message>
        <source>Source document updated</source>
        <translation>源文件已更新</translation>
    </message>
    <message>
        <source>Query answered</source>
        <translation>答复质疑</translation>
    </message>
    <message>
        <source>Value entered in the wrong field</source>
        <translation>数值录入到了错误的字段</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>选择或输入原因</translation>
    </message>
    <message>
        <source>Save with reason</source>
        <translation>填写原因并保存</translation>
    </message>
    <message>
        <source>Sign %1</source>
        <translation>签署%1</translation>
    </message>
    <message>
        <source>Your signature applies to %1 as saved now (version %2). It is recorded with your name, the time and its meaning, and is the legal equivalent of a handwritten signature.</source>
        <translation>您的签名适用于当前已保存的%1（第 %2 版）。签名将与您的姓名、时间及签名含义一同记录，与手写签名具有同等法律效力。</translation>
    </message>
    <message>
        <source>I reviewed this data</source>
        <translation>我已审阅这些数据</translation>
    </message>
    <message>
        <source>I approve this data</source>
        <translation>我批准这些数据</translation>
    </message>
    <message>
        <source>I am responsible for this data</source>
        <translation>我对这些数据负责</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>签名含义</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Your signature applies to %1 as saved now. It is recorded with your name, the time and its meaning, and is the legal equivalent of a handwritten signature.</source>
        <translation>您的签名适用于当前保存的%1。签名将与您的姓名、时间及其含义一同记录，具有与手写签名同等的法律效力。</translation>
    </message>
</context>
<context>
    <name>cellcrf::gui::Main</name>
    <message>
        <source>Creating the demonstration study (S1904, 200 subjects)…</source>
        <translation>正在创建演示研究（S1904，200 例受试者）…</translation>
    </message>
    <message>
        <source>CellCRF</source>
        <translation>CellCRF</translation>
    </message>
    <message>
        <source>The demonstration study could not be saved as %1.</source>
        <translation>演示研究无法保存为 %1。</translation>
    </message>
    <message>
        <source>New study file</source>
        <translation>新建研究文件</translation>
    </message>
    <message>
        <source>Study:</source>
        <translation>研究：</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>CellCRF study files (*.cellcrf)</source>
        <translation>CellCRF 研究文件 (*.cellcrf)</translation>
    </message>
    <message>
        <source>Open study file</source>
        <translation>打开研究文件</translation>
    </message>
    <message>
        <source>CellCRF study files (*.cellcrf);;All files (*)</source>
        <translation>CellCRF 研究文件 (*.cellcrf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Electronic case report forms for CAR-T cell therapy trials.</source>
        <translation>CAR-T 细胞治疗临床试验电子病例报告表。</translation>
    </message>
    <message>
        <source>Open the demonstration S1904 study (created on first start).</source>
        <translation>打开 S1904 演示研究（首次启动时创建）。</translation>
    </message>
    <message>
        <source>Interface language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>locale</source>
        <translation>语言代码</translation>
    </message>
    <message>
        <source>The study database to open.</source>
        <translation>要打开的研究数据库。</translation>
    </message>
    <message>
        <source>[file]</source>
        <translation>[文件]</translation>
    </message>
    <message>
        <source>The study file cannot be opened.

%1</source>
        <translation>无法打开研究文件。

%1</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>首位系统管理员</translation>
    </message>
    <message>
        <source>User name of the study&apos;s first administrator:</source>
        <translation>本研究首位系统管理员的用户名：</translation>
    </message>
    <message>
        <source>Password (at least %1 characters):</source>
        <translation>密码（至少 %1 个字符）：</translation>
    </message>
</context>
<context>
    <name>cellcrf::gui::StartDialog</name>
    <message>
        <source>Welcome to CellCRF</source>
        <translation>欢迎使用 CellCRF</translation>
    </message>
    <message>
        <source>Choose a study database to work in.</source>
        <translation>请选择要使用的研究数据库。</translation>
    </message>
    <message>
        <source>Open the demonstration study</source>
        <translation>打开演示研究</translation>
    </message>
    <message>
        <source>S1904 with 200 synthetic subjects, created on first use</source>
        <translation>S1904，含 200 例模拟受试者，首次使用时创建</translation>
    </message>
    <message>
        <source>Create a new study file…</source>
        <translation>新建研究文件…</translation>
    </message>
    <message>
        <source>An empty database for S1904 or peds-cd19</source>
        <translation>用于 S1904 或 peds-cd19 的空数据库</translation>
    </message>
    <message>
        <source>Open a study file…</source>
        <translation>打开研究文件…</translation>
    </message>
    <message>
        <source>A .cellcrf database on this computer</source>
        <translation>本机上的 .cellcrf 数据库</translation>
    </message>
</context>
<context>
    <name>cellcrf::pdf</name>
    <message>
        <source>Text, at most %1 characters</source>
        <translation>文本，最多 %1 个字符</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Decimal, %1 decimal place(s)</source>
        <translation>小数，%1 位小数</translation>
    </message>
    <message>
        <source>Decimal</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>Date YYYY-MM-DD (YYYY-MM or YYYY allowed)</source>
        <translation>日期 YYYY-MM-DD（允许 YYYY-MM 或 YYYY）</translation>
    </message>
    <message>
        <source>Date YYYY-MM-DD</source>
        <translation>日期 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Time HH:MM</source>
        <translation>时间 HH:MM</translation>
    </message>
    <message>
        <source>Date and time YYYY-MM-DDTHH:MM</source>
        <translation>日期和时间 YYYY-MM-DDTHH:MM</translation>
    </message>
    <message>
        <source>Single choice, code list %1</source>
        <translation>单选，代码表 %1</translation>
    </message>
    <message>
        <source>Multiple choice (codes joined by |), code list %1</source>
        <translation>多选（代码以 | 连接），代码表 %1</translation>
    </message>
    <message>
        <source>Yes/No (1 = yes, 0 = no)</source>
        <translation>是/否（1 = 是，0 = 否）</translation>
    </message>
    <message>
        <source>Calculated</source>
        <translation>计算值</translation>
    </message>
    <message>
        <source>Derived</source>
        <translation>推导值</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未做</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>(Y-M-D)</source>
        <translation>（年-月-日）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>computed by the program, not entered</source>
        <translation>由程序计算，无需录入</translation>
    </message>
    <message>
        <source>or missing:</source>
        <translation>或缺失：</translation>
    </message>
    <message>
        <source>hard limits %1</source>
        <translation>硬性范围 %1</translation>
    </message>
    <message>
        <source>soft limits %1 (outside: confirmed)</source>
        <translation>软性范围 %1（超出需确认）</translation>
    </message>
    <message>
        <source>study setting %1</source>
        <translation>研究设置 %1</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单位 %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Shown only if %1</source>
        <translation>仅当 %1 时显示</translation>
    </message>
    <message>
        <source>Calculated as %1</source>
        <translation>计算公式：%1</translation>
    </message>
    <message>
        <source>Derived by %1, output %2</source>
        <translation>由 %1 推导，输出 %2</translation>
    </message>
    <message>
        <source>Inputs: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>Identifier: left out of de-identified exports</source>
        <translation>标识符：去标识化导出时删除</translation>
    </message>
    <message>
        <source>, window −%1/+%2 days</source>
        <translation>，窗口期 −%1/+%2 天</translation>
    </message>
    <message>
        <source>day %1 from %2%3</source>
        <translation>自%2起第 %1 天%3</translation>
    </message>
    <message>
        <source>unscheduled, repeating</source>
        <translation>计划外，可重复</translation>
    </message>
    <message>
        <source>when it happens</source>
        <translation>发生时</translation>
    </message>
    <message>
        <source>Annotated blank case report form</source>
        <translation>注释空白病例报告表</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Definition version</source>
        <translation>定义版本</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>访视</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>How to read the annotations</source>
        <translation>如何阅读注释</translation>
    </message>
    <message>
        <source>The boxed name is the variable of the exports (CDASH-style); below it, the item OID as form.item, which rules and derivations refer to.</source>
        <translation>方框中的名称是导出文件中的变量名（CDASH 风格）；其下为条目 OID（表单.条目），供规则和推导引用。</translation>
    </message>
    <message>
        <source>Blue text</source>
        <translation>蓝色文字</translation>
    </message>
    <message>
        <source>Annotations: data type, unit, required or optional, hard limits (a value outside cannot be saved complete) and soft limits (a value outside must be confirmed), conditions and computations. They are not printed on the forms the site fills in.</source>
        <translation>注释：数据类型、单位、必填或选填、硬性范围（超出范围的值不能保存为完成）和软性范围（超出范围的值必须确认）、条件和计算。这些注释不会打印在研究中心填写的表单上。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>A coded answer: the stored code, then the label shown.</source>
        <translation>编码答案：先为存储的代码，后为显示的标签。</translation>
    </message>
    <message>
        <source>Reasons a value may be missing: not done, unknown, not applicable.</source>
        <translation>数值缺失的原因：未做、未知、不适用。</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>OID</source>
        <translation>OID</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Visit schedule</source>
        <translation>访视计划</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>访视</translation>
    </message>
    <message>
        <source>Form %1</source>
        <translation>表单 %1</translation>
    </message>
    <message>
        <source>repeating</source>
        <translation>可重复</translation>
    </message>
    <message>
        <source>once per visit</source>
        <translation>每次访视一次</translation>
    </message>
    <message>
        <source>%n item(s)</source>
        <translation>%n 个条目</translation>
    </message>
    <message>
        <source>definition %1</source>
        <translation>定义 %1</translation>
    </message>
    <message>
        <source>Scheduled at:</source>
        <translation>计划访视：</translation>
    </message>
    <message>
        <source>no visit</source>
        <translation>无访视</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Edit checks</source>
        <translation>逻辑核查</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Must hold</source>
        <translation>必须满足</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>blocks completion</source>
        <translation>阻止完成</translation>
    </message>
    <message>
        <source>warning, confirmed</source>
        <translation>警告，需确认</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛选期</translation>
    </message>
    <message>
        <source>Screen failed</source>
        <translation>筛选失败</translation>
    </message>
    <message>
        <source>On study</source>
        <translation>研究中</translation>
    </message>
    <message>
        <source>Randomized</source>
        <translation>已随机</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核查</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Authored: I entered or am responsible for this data</source>
        <translation>录入：我录入了这些数据或对其负责</translation>
    </message>
    <message>
        <source>Reviewed: I reviewed this data</source>
        <translation>审阅：我审阅了这些数据</translation>
    </message>
    <message>
        <source>Approved: I approve this data</source>
        <translation>批准：我批准这些数据</translation>
    </message>
    <message>
        <source>ND (not done)</source>
        <translation>ND（未做）</translation>
    </message>
    <message>
        <source>UNK (unknown)</source>
        <translation>UNK（未知）</translation>
    </message>
    <message>
        <source>NA (not applicable)</source>
        <translation>NA（不适用）</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>Casebook signatures</source>
        <translation>病例簿签名</translation>
    </message>
    <message>
        <source>No signature has been given to the casebook as a whole.</source>
        <translation>尚未对整个病例簿签名。</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>签名含义</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>A casebook signature covers the SHA-256 of every form holding data when it was given; any later change to a value breaks it.</source>
        <translation>病例簿签名涵盖签署时每份含数据表单的 SHA-256；之后对任何数值的修改都会使其失效。</translation>
    </message>
    <message>
        <source>Subject casebook – %1</source>
        <translation>受试者病例簿 – %1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>受试者</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>研究中心</translation>
    </message>
    <message>
        <source>Screening number</source>
        <translation>筛选号</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>姓名缩写</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Randomization number</source>
        <translation>随机号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>%1 date</source>
        <translation>%1日期</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>未录入</translation>
    </message>
    <message>
        <source>Form signatures</source>
        <translation>表单签名</translation>
    </message>
    <message>
        <source>%1 valid, %2 broken</source>
        <translation>%1 个有效，%2 个已失效</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>质疑</translation>
    </message>
    <message>
        <source>%1 open, %2 closed</source>
        <translation>%1 个未关闭，%2 个已关闭</translation>
    </message>
    <message>
        <source>No form of this subject has been started.</source>
        <translation>该受试者尚无已开始的表单。</translation>
    </message>
    <message>
        <source>Created by %1 at %2.</source>
        <translation>由 %1 于 %2 创建。</translation>
    </message>
    <message>
        <source>Values or status last changed by %1 at %2.</source>
        <translation>数值或状态最后由 %1 于 %2 修改。</translation>
    </message>
    <message>
        <source>%1 audit event(s) on the data, %2 change(s) to entered values.</source>
        <translation>数据上有 %1 个稽查事件，已录入数值被修改 %2 次。</translation>
    </message>
    <message>
        <source>Reasons for change:</source>
        <translation>修改原因：</translation>
    </message>
    <message>
        <source>Not verified (%n item(s) hold data).</source>
        <translation>未核查（%n 个条目含数据）。</translation>
    </message>
    <message>
        <source>%1 of %2 items verified, last by %3 at %4.</source>
        <translation>%2 个条目中已核查 %1 个，最后由 %3 于 %4 核查。</translation>
    </message>
    <message>
        <source>%1 open, %2 closed.</source>
        <translation>%1 个未关闭，%2 个已关闭。</translation>
    </message>
    <message>
        <source>%1, opened by %2 at %3: “%4”</source>
        <translation>%1，由 %2 于 %3 发起：“%4”</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source> – last: “%1”</source>
        <translation> – 最新：“%1”</translation>
    </message>
    <message>
        <source>This form has not been signed.</source>
        <translation>此表单尚未签名。</translation>
    </message>
    <message>
        <source>broken (changed after signing)</source>
        <translation>已失效（签名后被修改）</translation>
    </message>
    <message>
        <source>Visit:</source>
        <translation>访视：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Form %1 at visit %2 · version %3 · last saved by %4 at %5 · definition %6</source>
        <translation>表单 %1 · 访视 %2 · 版本 %3 · 最后由 %4 于 %5 保存 · 定义 %6</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>derived</source>
        <translation>推导值</translation>
    </message>
    <message>
        <source>calculated</source>
        <translation>计算值</translation>
    </message>
    <message>
        <source>outside soft limits, confirmed</source>
        <translation>超出软性范围，已确认</translation>
    </message>
    <message>
        <source>✓ verified</source>
        <translation>✓ 已核查</translation>
    </message>
    <message>
        <source>%n open query(ies)</source>
        <translation>%n 个未关闭质疑</translation>
    </message>
    <message>
        <source>Audit history</source>
        <translation>稽查历史</translation>
    </message>
    <message>
        <source>Source data verification</source>
        <translation>源数据核查</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Yes (1)</source>
        <translation>是 (1)</translation>
    </message>
    <message>
        <source>No (0)</source>
        <translation>否 (0)</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>PDF documents need the graphical part of Qt (QGuiApplication); none is running.</source>
        <translation>PDF 文档需要 Qt 的图形部分（QGuiApplication），但当前没有运行。</translation>
    </message>
    <message>
        <source>Cannot start the PDF document.</source>
        <translation>无法开始生成 PDF 文档。</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Cannot finish the PDF document.</source>
        <translation>无法完成 PDF 文档。</translation>
    </message>
    <message>
        <source>Choose the blank annotated CRF, the subject casebooks or both.</source>
        <translation>请选择注释空白 CRF、受试者病例簿或两者。</translation>
    </message>
    <message>
        <source>Subjects and sites choose casebooks: ask for casebooks too.</source>
        <translation>受试者和研究中心用于选择病例簿：请同时选择病例簿。</translation>
    </message>
    <message>
        <source>A choice of forms applies to the blank CRF only.</source>
        <translation>表单选择仅适用于空白 CRF。</translation>
    </message>
    <message>
        <source>The study has no form %1.</source>
        <translation>研究中没有表单 %1。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>The study has no site %1.</source>
        <translation>研究中没有研究中心 %1。</translation>
    </message>
    <message>
        <source>%1 · protocol %2</source>
        <translation>%1 · 方案 %2</translation>
    </message>
    <message>
        <source>Generated %1 by %2 (%3)</source>
        <translation>由 %2 于 %1 生成（%3）</translation>
    </message>
    <message>
        <source>study %1, definition version %2, CellCRF %3</source>
        <translation>研究 %1，定义版本 %2，CellCRF %3</translation>
    </message>
    <message>
        <source>Annotated blank CRF, definition version %1</source>
        <translation>注释空白 CRF，定义版本 %1</translation>
    </message>
    <message>
        <source>%1 annotated blank CRF</source>
        <translation>%1 注释空白 CRF</translation>
    </message>
    <message>
        <source>Casebook of subject %1</source>
        <translation>受试者 %1 的病例簿</translation>
    </message>
    <message>
        <source>%1 casebook %2</source>
        <translation>%1 病例簿 %2</translation>
    </message>
</context>
<context>
    <name>cellcrf::pdf::AuditSummaries</name>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
</context>
<context>
    <name>cellcrf::rules</name>
    <message>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>The number is too large.</source>
        <translation>数字过大。</translation>
    </message>
    <message>
        <source>Enter a number with digits and &apos;.&apos; only.</source>
        <translation>请输入仅含数字和“.”的数字。</translation>
    </message>
    <message>
        <source>Enter at most %n decimal place(s).</source>
        <translation>最多输入%n位小数。</translation>
    </message>
    <message>
        <source>Enter the full date (YYYY-MM-DD).</source>
        <translation>请输入完整日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Enter a real date as YYYY-MM-DD.</source>
        <translation>请输入有效日期，格式为YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Enter a time as HH:MM (00:00 to 23:59).</source>
        <translation>请输入时间，格式为HH:MM（00:00至23:59）。</translation>
    </message>
    <message>
        <source>Enter a date and time as YYYY-MM-DDTHH:MM.</source>
        <translation>请输入日期和时间，格式为YYYY-MM-DDTHH:MM。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the choices.</source>
        <translation>“%1”不是可选项之一。</translation>
    </message>
    <message>
        <source>Answer yes (1) or no (0).</source>
        <translation>请回答是（1）或否（0）。</translation>
    </message>
    <message>
        <source>Enter at most %n character(s).</source>
        <translation>最多输入%n个字符。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an item of this form.</source>
        <translation>“%1”不是此表单的项目。</translation>
    </message>
    <message>
        <source>Give either a value or the reason it is missing, not both.</source>
        <translation>请填写数值或缺失原因，不能两者都填。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an allowed reason for a missing value here.</source>
        <translation>“%1”不是此处允许的缺失原因。</translation>
    </message>
    <message>
        <source>The answer was removed because the question does not apply.</source>
        <translation>由于该问题不适用，答案已被移除。</translation>
    </message>
    <message>
        <source>A value is required; enter it or give the reason it is missing.</source>
        <translation>此项为必填项；请录入数值或填写缺失原因。</translation>
    </message>
    <message>
        <source>The calculation cannot be read.</source>
        <translation>无法读取计算公式。</translation>
    </message>
    <message>
        <source>%1 is below the lowest possible value, %2.</source>
        <translation>%1低于最小可能值%2。</translation>
    </message>
    <message>
        <source>%1 is above the highest possible value, %2.</source>
        <translation>%1高于最大可能值%2。</translation>
    </message>
    <message>
        <source>%1 is below the expected minimum of %2; confirm it if it is correct.</source>
        <translation>%1低于预期最小值%2；如数值正确请确认。</translation>
    </message>
    <message>
        <source>%1 is above the expected maximum of %2; confirm it if it is correct.</source>
        <translation>%1高于预期最大值%2；如数值正确请确认。</translation>
    </message>
    <message>
        <source>The value cannot be derived: %1</source>
        <translation>无法推导该数值：%1</translation>
    </message>
    <message>
        <source>Needs clinical review.</source>
        <translation>需要临床审核。</translation>
    </message>
    <message>
        <source>Needs clinical review: %1</source>
        <translation>需要临床审核：%1</translation>
    </message>
</context>
<context>
    <name>cellcrf::store::ClinicalData</name>
    <message>
        <source>You do not have access to the subjects of site %1.</source>
        <translation>您无权访问中心%1的受试者。</translation>
    </message>
    <message>
        <source>Site %1 is not part of this study.</source>
        <translation>中心%1不属于本研究。</translation>
    </message>
    <message>
        <source>You may not register subjects at site %1.</source>
        <translation>您无权在中心%1登记受试者。</translation>
    </message>
    <message>
        <source>A screening number has 1 to 20 letters, digits or dashes.</source>
        <translation>筛选号由1至20个字母、数字或短横线组成。</translation>
    </message>
    <message>
        <source>Initials are up to 4 letters (a dash for none).</source>
        <translation>姓名缩写最多4个字母（无则填短横线）。</translation>
    </message>
    <message>
        <source>Screening number %1 is already registered at site %2.</source>
        <translation>筛选号%1已在中心%2登记。</translation>
    </message>
    <message>
        <source>No such subject: %1.</source>
        <translation>不存在受试者：%1。</translation>
    </message>
    <message>
        <source>Arm %1 is not part of this study.</source>
        <translation>分组%1不属于本研究。</translation>
    </message>
    <message>
        <source>Subject %1 is already randomized.</source>
        <translation>受试者%1已随机化。</translation>
    </message>
    <message>
        <source>The study has no form %1.</source>
        <translation>研究中没有表单%1。</translation>
    </message>
    <message>
        <source>The study has no form %1 at event %2.</source>
        <translation>研究中访视%2没有表单%1。</translation>
    </message>
    <message>
        <source>Form %1 does not repeat at event %2.</source>
        <translation>表单%1在访视%2不可重复。</translation>
    </message>
    <message>
        <source>Form %1 has no item %2.</source>
        <translation>表单%1没有项目%2。</translation>
    </message>
    <message>
        <source>The form was not saved: %1</source>
        <translation>表单未保存：%1</translation>
    </message>
    <message>
        <source>The form cannot be marked complete: %1</source>
        <translation>表单无法标记为完成：%1</translation>
    </message>
    <message>
        <source>This form is locked and cannot be changed. Ask a data manager to unlock it.</source>
        <translation>此表单已锁定，无法修改。请联系数据管理员解锁。</translation>
    </message>
    <message>
        <source>This form was changed by %1 at %2 after you opened it. Your changes were not saved; reopen the form to see the current values.</source>
        <translation>您打开此表单后，%1于%2修改了它。您的修改未保存；请重新打开表单查看当前数值。</translation>
    </message>
    <message>
        <source>A reason for change is required for saved values that change: %1.</source>
        <translation>已保存的数值发生修改时必须填写修改原因：%1。</translation>
    </message>
    <message>
        <source>This form was changed by someone else; reopen it.</source>
        <translation>此表单已被他人修改，请重新打开。</translation>
    </message>
    <message>
        <source>recomputed from changed inputs</source>
        <translation>因输入值变化而重新计算</translation>
    </message>
    <message>
        <source>The study database was locked by %1 on %2 UTC: no data can change. Ask a data manager to unlock it.</source>
        <translation>研究数据库已由%1于%2 UTC锁定：任何数据均不能修改。请联系数据管理员解锁。</translation>
    </message>
    <message>
        <source>Subject %1 was locked by %2 on %3 UTC and cannot be changed. Ask a data manager to unlock it.</source>
        <translation>受试者%1已由%2于%3 UTC锁定，无法修改。请联系数据管理员解锁。</translation>
    </message>
    <message>
        <source>This form was locked by %1 on %2 UTC and cannot be changed. Ask a data manager to unlock it.</source>
        <translation>此表单已由%1于%2 UTC锁定，无法修改。请联系数据管理员解锁。</translation>
    </message>
</context>
<context>
    <name>cellcrf::store::Database</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件%1不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a CellCRF database.</source>
        <translation>%1是文件夹，不是CellCRF数据库。</translation>
    </message>
    <message>
        <source>%1 is not a CellCRF database (it is not an SQLite file). It was left unchanged.</source>
        <translation>%1不是CellCRF数据库（不是SQLite文件）。文件未作任何更改。</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>无法打开%1。</translation>
    </message>
    <message>
        <source>%1 could not be read as a database.</source>
        <translation>无法将%1作为数据库读取。</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>无法读取%1。</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a CellCRF one. It was left unchanged.</source>
        <translation>%1是SQLite数据库，但不是CellCRF数据库。文件未作任何更改。</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of CellCRF (schema %2; this program knows up to %3). Please update CellCRF. The file was left unchanged.</source>
        <translation>%1由更新版本的CellCRF写入（数据库结构版本%2；本程序最高支持%3）。请更新CellCRF。文件未作任何更改。</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be opened.</source>
        <translation>%1已损坏，无法打开。</translation>
    </message>
    <message>
        <source>%1 failed the database integrity check and was not opened. Restore it from a backup and contact your data manager.</source>
        <translation>%1未通过数据库完整性检查，未被打开。请从备份恢复并联系数据管理员。</translation>
    </message>
    <message>
        <source>Could not configure the database.</source>
        <translation>无法配置数据库。</translation>
    </message>
    <message>
        <source>Could not back up %1 before updating it.</source>
        <translation>更新前无法备份%1。</translation>
    </message>
    <message>
        <source>Could not create the database.</source>
        <translation>无法创建数据库。</translation>
    </message>
    <message>
        <source>Could not update the database to version %1.</source>
        <translation>无法将数据库更新至版本%1。</translation>
    </message>
    <message>
        <source>Could not update the database.</source>
        <translation>无法更新数据库。</translation>
    </message>
    <message>
        <source>The database is busy or read-only.</source>
        <translation>数据库忙或为只读。</translation>
    </message>
    <message>
        <source>Could not save to the database.</source>
        <translation>无法保存到数据库。</translation>
    </message>
    <message>
        <source>A database operation failed.</source>
        <translation>数据库操作失败。</translation>
    </message>
</context>
<context>
    <name>cellcrf::store::StudyFile</name>
    <message>
        <source>There is no study definition named %1. Known studies: %2.</source>
        <translation>不存在名为%1的研究定义。已知研究：%2。</translation>
    </message>
    <message>
        <source>%1 already exists. Choose a new file name; an existing file is never overwritten.</source>
        <translation>%1已存在。请选择新文件名；现有文件绝不会被覆盖。</translation>
    </message>
    <message>
        <source>%1 holds no study.</source>
        <translation>%1不包含研究。</translation>
    </message>
</context>
</TS>
