#include "flowsheet.h"

#include "authenticator.h"
#include "clinical/episodes.h"
#include "prompt.h"

#include <QBrush>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace cellcrf::forms {

namespace {
const QString formOid = QStringLiteral("crs_icans");
const QString crsGrade = QStringLiteral("crs_grade");
const QString icansGrade = QStringLiteral("icans_grade");
// The rows a nurse fills each day, in the order of the bedside assessment.
const QStringList rowItems = {
    QStringLiteral("assess_dtc"),
    QStringLiteral("temp_c"),
    QStringLiteral("fever_other_cause"),
    QStringLiteral("antipyretic_given"),
    QStringLiteral("crs_prev_episode"),
    QStringLiteral("hypotension"),
    QStringLiteral("oxygen"),
    QStringLiteral("o2_flow_l_min"),
    QStringLiteral("spo2"),
    QStringLiteral("ice_score"),
    QStringLiteral("capd_score"),
    QStringLiteral("consciousness"),
    QStringLiteral("seizure"),
    QStringLiteral("motor"),
    QStringLiteral("toci_given"),
    QStringLiteral("steroid_given"),
    crsGrade,
    icansGrade,
};
} // namespace

FlowsheetModel::FlowsheetModel(records::ClinicalData &clinicalData, const Actor &actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_data(clinicalData)
    , m_actor(actor)
{
    m_form = m_data.study().form(formOid);
    if (m_form)
        for (const auto &oid : rowItems)
            if (const auto *item = m_form->item(oid))
                m_items.append(item);
}

void FlowsheetModel::setSubject(qint64 subjectId)
{
    beginResetModel();
    m_subjectId = subjectId;
    m_days.clear();
    m_dirty.clear();
    if (m_form && subjectId) {
        const auto infusion = m_data.anchorDate(subjectId, QStringLiteral("infusion"));
        for (const auto &event : m_data.study().events) {
            if (!event.forms.contains(formOid) || event.anchor != QLatin1String("infusion") || !event.day)
                continue;
            Day day;
            day.eventOid = event.oid;
            day.day = *event.day;
            if (infusion)
                day.date = infusion->addDays(day.day);
            if (auto loaded = m_data.loadForm(m_actor, {subjectId, event.oid, 1, formOid, 1})) {
                day.form = *loaded;
                day.values = loaded->values;
            }
            m_days.append(day);
        }
        for (int c = 0; c < m_days.size(); ++c)
            validateDay(c);
    }
    endResetModel();
}

void FlowsheetModel::setLocale(const QString &locale)
{
    m_locale = locale;
    if (rowCount() && columnCount())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, 0, qMax(0, rowCount() - 1));
}

void FlowsheetModel::setEditable(bool editable)
{
    m_editable = editable;
}

void FlowsheetModel::validateDay(int column)
{
    auto &day = m_days[column];
    if (day.form.instanceId == 0 && day.values.isEmpty()) {
        day.validation = {};
        return;
    }
    if (auto result = m_data.validate(m_actor, {m_subjectId, day.eventOid, 1, formOid, 1}, day.values, m_locale))
        day.validation = *result;
}

int FlowsheetModel::rowOfItem(const QString &itemOid) const
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i)->oid == itemOid)
            return i;
    return -1;
}

QList<QPair<int, int>> FlowsheetModel::grades(const QString &gradeItem) const
{
    QList<QPair<int, int>> out;
    for (const auto &day : m_days) {
        const QString v = day.validation.values.value(gradeItem).value;
        if (!v.isEmpty())
            out.append({day.day, v.toInt()});
    }
    return out;
}

QString FlowsheetModel::summary() const
{
    QList<clinical::DailyAssessment> days;
    for (const auto &day : m_days) {
        if (!day.date)
            continue;
        clinical::DailyAssessment a;
        a.date = *day.date;
        const QString crs = day.validation.values.value(crsGrade).value;
        const QString icans = day.validation.values.value(icansGrade).value;
        if (!crs.isEmpty())
            a.crsGrade = crs.toInt();
        if (!icans.isEmpty())
            a.icansGrade = icans.toInt();
        a.tocilizumab = day.validation.values.value(QStringLiteral("toci_given")).value == QLatin1String("1");
        a.corticosteroids = day.validation.values.value(QStringLiteral("steroid_given")).value == QLatin1String("1");
        days.append(a);
    }
    QStringList parts;
    for (const auto toxicity : {clinical::Toxicity::Crs, clinical::Toxicity::Icans}) {
        const QString name = toxicity == clinical::Toxicity::Crs ? tr("CRS") : tr("ICANS");
        const auto episodes = clinical::deriveEpisodes(days, toxicity);
        if (episodes.isEmpty()) {
            parts.append(tr("%1: none").arg(name));
            continue;
        }
        for (const auto &e : episodes) {
            //: toxicity summary: name, maximum grade, onset date, resolution
            parts.append(tr("%1: maximum grade %2, onset %3, %4")
                             .arg(name)
                             .arg(e.maxGrade)
                             .arg(e.onsetDate.toString(Qt::ISODate),
                                  e.resolutionDate ? tr("resolved %1").arg(e.resolutionDate->toString(Qt::ISODate))
                                                   : tr("ongoing")));
        }
    }
    return parts.join(QStringLiteral("   ·   "));
}

int FlowsheetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int FlowsheetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_days.size());
}

QString FlowsheetModel::display(const Day &day, const study::Item &item) const
{
    const QString v =
        item.isComputed() ? day.validation.values.value(item.oid).value : day.values.value(item.oid).value;
    if (v.isEmpty())
        return {};
    if (item.type == study::ItemType::YesNo)
        return v == QLatin1String("1") ? tr("Yes") : tr("No");
    if (item.type == study::ItemType::SingleChoice)
        if (const auto *list = m_data.study().codeList(item.codeListOid))
            return list->label(v, m_locale);
    if (item.type == study::ItemType::Date && v.size() == 10)
        return v.mid(5); // MM-DD: the column header carries the day
    return v;
}

QVariant FlowsheetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &day = m_days.at(index.column());
    const auto &item = *m_items.at(index.row());
    const bool grade = item.oid == crsGrade || item.oid == icansGrade;
    switch (role) {
    case Qt::DisplayRole:
        return display(day, item);
    case Qt::EditRole:
    case CanonicalValueRole:
        return day.values.value(item.oid).value;
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const auto &m : day.validation.messagesFor(item.oid))
            if (m.kind != rules::MessageKind::RequiredMissing)
                lines.append(m.text);
        if (item.isComputed())
            lines.prepend(tr("Derived by CellCRF as values are entered."));
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::BackgroundRole: {
        if (grade) {
            const int g = day.validation.values.value(item.oid).value.toInt();
            static const QColor colours[] = {QColor(0xe8, 0xf3, 0xe6), QColor(0xfb, 0xf0, 0xc8),
                                             QColor(0xf8, 0xd5, 0x9e), QColor(0xf2, 0xa6, 0x8f),
                                             QColor(0xe0, 0x7b, 0x6e), QColor(0xc2, 0x5b, 0x56)};
            if (!day.validation.values.value(item.oid).value.isEmpty())
                return QBrush(colours[qBound(0, g, 5)]);
            return {};
        }
        for (const auto &m : day.validation.messagesFor(item.oid))
            if (m.kind != rules::MessageKind::RequiredMissing && m.severity == rules::Severity::Error)
                return QBrush(QColor(0xf6, 0xd3, 0xd0));
        if (m_dirty.contains(index.column()))
            return QBrush(QColor(0xfd, 0xf6, 0xe3));
        return {};
    }
    case Qt::FontRole:
        if (grade) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    case ItemOidRole:
        return item.oid;
    case GradeRowRole:
        return grade;
    case ChoicesRole: {
        QStringList choices;
        if (item.type == study::ItemType::YesNo) {
            choices = {QStringLiteral("1\t") + tr("Yes"), QStringLiteral("0\t") + tr("No")};
        } else if (const auto *list = m_data.study().codeList(item.codeListOid)) {
            for (const auto &c : list->items)
                choices.append(c.code + QLatin1Char('\t') + c.label.text(m_locale));
        }
        return choices;
    }
    default:
        return {};
    }
}

bool FlowsheetModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    auto &day = m_days[index.column()];
    const auto &item = *m_items.at(index.row());
    auto &entry = day.values[item.oid];
    const QString text = value.toString().trimmed();
    if (entry.value == text)
        return false;
    entry.value = text;
    entry.softConfirmed = false;
    m_dirty.insert(index.column());
    validateDay(index.column());
    // The derived grades of that day may change with any value.
    Q_EMIT dataChanged(this->index(0, index.column()), this->index(rowCount() - 1, index.column()));
    return true;
}

Qt::ItemFlags FlowsheetModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    auto f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const auto &item = *m_items.at(index.row());
    const auto &day = m_days.at(index.column());
    if (m_editable && !item.isComputed() && day.form.status != QLatin1String("locked"))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant FlowsheetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_days.size())
            return {};
        const auto &day = m_days.at(section);
        if (role == Qt::ToolTipRole) {
            const auto *event = m_data.study().event(day.eventOid);
            return event ? event->name.text(m_locale) : day.eventOid;
        }
        //: flowsheet column: day since infusion, and its date
        return day.date ? tr("Day %1\n%2").arg(day.day).arg(day.date->toString(QStringLiteral("MM-dd")))
                        : tr("Day %1").arg(day.day);
    }
    if (section < 0 || section >= m_items.size())
        return {};
    const auto &item = *m_items.at(section);
    QString label = item.label.text(m_locale);
    if (!item.unit.isEmpty())
        label = tr("%1 (%2)").arg(label, item.unit);
    return label;
}

Status FlowsheetModel::save(const std::function<std::optional<QString>(const QStringList &)> &askReason)
{
    auto dirty = QList<int>(m_dirty.cbegin(), m_dirty.cend());
    std::sort(dirty.begin(), dirty.end());
    for (const int column : dirty) {
        auto &day = m_days[column];
        records::SaveRequest request;
        request.key = {m_subjectId, day.eventOid, 1, formOid, 1};
        request.expectedVersion = day.form.version;
        request.values = day.values;
        request.complete = day.validation.canComplete();
        auto outcome = m_data.saveForm(m_actor, request);
        if (!outcome.status && outcome.status.code() == ErrorCode::ReasonRequired) {
            QStringList items;
            for (const auto &oid : std::as_const(outcome.itemsNeedingReason)) {
                const auto *item = m_form->item(oid);
                items.append(tr("Day %1: %2").arg(day.day).arg(item ? item->label.text(m_locale) : oid));
            }
            const auto reason = askReason(items);
            if (!reason)
                return Status::error(ErrorCode::Cancelled, tr("Not saved."));
            request.reason = *reason;
            outcome = m_data.saveForm(m_actor, request);
        }
        if (!outcome.status)
            return Status::error(outcome.status.code(), tr("Day %1: %2").arg(day.day).arg(outcome.status.message()));
        if (auto loaded = m_data.loadForm(m_actor, request.key)) {
            day.form = *loaded;
            day.values = loaded->values;
        }
        m_dirty.remove(column);
        validateDay(column);
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
    }
    return Status::ok();
}

void FlowsheetModel::discard()
{
    setSubject(m_subjectId);
}

QWidget *FlowsheetDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                         const QModelIndex &index) const
{
    const auto choices = index.data(FlowsheetModel::ChoicesRole).toStringList();
    if (choices.isEmpty())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("flowsheetChoice"));
    combo->addItem(QString(), QString());
    for (const auto &c : choices) {
        const auto tab = c.indexOf(QLatin1Char('\t'));
        combo->addItem(c.mid(tab + 1), c.left(tab));
    }
    return combo;
}

void FlowsheetDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(FlowsheetModel::CanonicalValueRole))));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void FlowsheetDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

FlowsheetView::FlowsheetView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                             Prompt &prompt, QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_auth(auth)
    , m_prompt(prompt)
{
    setObjectName(QStringLiteral("flowsheetView"));
    m_model = new FlowsheetModel(m_data, m_actor, this);
    m_model->setEditable(m_auth.mayDo(m_actor, Action::EnterData).isOk());
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("flowsheetTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new FlowsheetDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_table->horizontalHeader()->setDefaultSectionSize(74);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setWordWrap(false);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("flowsheetSummary"));
    m_summary->setWordWrap(true);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("flowsheetSave"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &FlowsheetView::save);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        m_save->setEnabled(m_model->isModified());
        refreshChart();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_save->setEnabled(false);
        refreshChart();
    });

    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_chart = new QChartView(chart, this);
    m_chart->setObjectName(QStringLiteral("flowsheetChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_save);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    retranslate();
}

FlowsheetView::~FlowsheetView() = default;

void FlowsheetView::setSubject(qint64 subjectId)
{
    m_subjectId = subjectId;
    m_model->setSubject(subjectId);
    m_table->resizeColumnsToContents();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void FlowsheetView::setLocale(const QString &locale)
{
    m_model->setLocale(locale);
    refreshChart();
}

bool FlowsheetView::maybeLeave()
{
    if (!m_model->isModified())
        return true;
    switch (m_prompt.askUnsaved(this, tr("The toxicity flowsheet"))) {
    case UnsavedAnswer::Save:
        return save();
    case UnsavedAnswer::Discard:
        m_model->discard();
        return true;
    case UnsavedAnswer::Cancel:
        break;
    }
    return false;
}

bool FlowsheetView::save()
{
    const auto saved = m_model->save([this](const QStringList &items) { return m_prompt.askReason(this, items); });
    m_save->setEnabled(m_model->isModified());
    if (!saved) {
        if (saved.code() != ErrorCode::Cancelled)
            m_prompt.showError(this, tr("Not saved"), saved.message());
        return false;
    }
    Q_EMIT this->saved(m_subjectId);
    return true;
}

void FlowsheetView::refreshChart()
{
    m_summary->setText(m_model->summary());
    // A fresh chart each time: simpler and cheaper than patching axes in place.
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    auto *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
    auto *x = new QValueAxis;
    x->setTitleText(tr("Days since infusion"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QValueAxis;
    y->setRange(0, 5);
    y->setTickCount(6);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("Grade"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    int maxDay = 1;
    for (const auto &[item, name, colour] : {std::tuple{crsGrade, tr("CRS grade"), QColor(0xc0, 0x39, 0x2b)},
                                             std::tuple{icansGrade, tr("ICANS grade"), QColor(0x29, 0x6f, 0xa8)}}) {
        auto *series = new QLineSeries;
        series->setName(name);
        series->setColor(colour);
        series->setPointsVisible(true);
        for (const auto &[day, grade] : m_model->grades(item)) {
            series->append(day, grade);
            maxDay = qMax(maxDay, day);
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    x->setRange(0, maxDay);
    x->setTickCount(qMin(maxDay, 14) + 1);
}

void FlowsheetView::retranslate()
{
    m_save->setText(tr("Save days"));
    m_save->setToolTip(tr("Save every changed day through the usual checks"));
    m_table->setAccessibleName(tr("Toxicity flowsheet"));
    m_chart->setAccessibleName(tr("Grade by day"));
    refreshChart();
}

void FlowsheetView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace cellcrf::forms
