<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Raise a query on this item…</source>
        <translation>对此项发起质疑…</translation>
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
        <source>History of this item…</source>
        <translation>此项的历史记录…</translation>
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
</TS>
