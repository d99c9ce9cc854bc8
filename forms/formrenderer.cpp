#include "formrenderer.h"

#include "audit/auditevent.h"
#include "authenticator.h"
#include "prompt.h"
#include "recordactions.h"
#include "signing.h"
#include "statuscolors.h"

#include <algorithm>

#include <QAction>
#include <QButtonGroup>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace cellcrf::forms {

namespace {

const char itemProperty[] = "cellcrfItem";

QString messageColor(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Error:
        return QStringLiteral("#a12622");
    case rules::Severity::Warning:
        return QStringLiteral("#8a5a00");
    case rules::Severity::Info:
        break;
    }
    return QStringLiteral("#3d5a80");
}

// A choice group (radio buttons or check boxes) laid out in rows of `perRow`.
QGridLayout *choiceLayout(QWidget *parent)
{
    auto *grid = new QGridLayout(parent);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(4);
    return grid;
}

// How many answers of a choice group share a row: long labels get fewer
// columns, so that a group never grows wider than the form and needs a
// horizontal scroll bar.
int choiceColumns(const QStringList &labels, int most)
{
    qsizetype longest = 0;
    for (const QString &label : labels)
        longest = std::max(longest, label.size());
    if (longest > 34)
        return 1;
    if (longest > 20)
        return std::min(most, 2);
    return most;
}

} // namespace

FormView::FormView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth, RecordActions &actions,
                   Prompt &prompt, QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_auth(auth)
    , m_actions(actions)
    , m_prompt(prompt)
{
    setObjectName(QStringLiteral("formView"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("formTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("formStatus"));
    m_status->setMargin(4);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("formSummary"));
    m_summary->setWordWrap(true);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveFormButton"));
    m_save->setDefault(false);
    m_save->setAutoDefault(false);
    connect(m_save, &QPushButton::clicked, this, &FormView::save);
    auto *saveAction = new QAction(this);
    saveAction->setObjectName(QStringLiteral("saveFormAction"));
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &FormView::save);
    addAction(saveAction);

    m_verify = new QPushButton(this);
    m_verify->setObjectName(QStringLiteral("verifyFormButton"));
    m_sign = new QPushButton(this);
    m_sign->setObjectName(QStringLiteral("signFormButton"));
    m_lock = new QPushButton(this);
    m_lock->setObjectName(QStringLiteral("lockFormButton"));
    for (auto *b : {m_verify, m_sign, m_lock})
        b->setAutoDefault(false);
    connect(m_verify, &QPushButton::clicked, this, &FormView::verify);
    connect(m_sign, &QPushButton::clicked, this, &FormView::sign);
    connect(m_lock, &QPushButton::clicked, this, &FormView::toggleLock);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_status);
    header->addSpacing(12);
    header->addWidget(m_verify);
    header->addWidget(m_sign);
    header->addWidget(m_lock);
    header->addWidget(m_save);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("formScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("formEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: #5f6b7a;"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_summary);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_empty, 1);
    retranslate();
    closeForm();
}

FormView::~FormView() = default;

QString FormView::itemLabel(const study::Item &item) const
{
    return item.label.text(m_locale);
}

void FormView::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    updateHeader();
    Q_EMIT modifiedChanged(modified);
}

void FormView::closeForm()
{
    clearRows();
    m_form = nullptr;
    m_key = {};
    m_loaded = {};
    m_values.clear();
    m_marks.clear();
    m_validation = {};
    m_modified = false;
    m_scroll->hide();
    m_empty->show();
    m_title->clear();
    m_summary->hide();
    m_status->hide();
    for (auto *b : {m_save, m_verify, m_sign, m_lock})
        b->hide();
}

bool FormView::openForm(const records::FormKey &key)
{
    const auto *form = m_data.study().form(key.formOid);
    if (!form)
        return false;
    auto loaded = m_data.loadForm(m_actor, key);
    if (!loaded) {
        m_prompt.showError(this, tr("Cannot open the form"), loaded.message());
        return false;
    }
    closeForm();
    m_form = form;
    m_key = key;
    m_loaded = *loaded;
    m_values = m_loaded.values;
    m_marks = m_actions.verificationMarks(m_actor, key);
    m_showRequired = m_loaded.instanceId != 0;
    build();
    revalidate();
    m_scroll->show();
    m_empty->hide();
    m_summary->show();
    m_status->show();
    for (auto *b : {m_save, m_verify, m_sign, m_lock})
        b->show();
    updateHeader();
    if (const auto stops = focusStops(); !stops.isEmpty())
        stops.first()->setFocus(Qt::OtherFocusReason);
    return true;
}

void FormView::clearRows()
{
    m_rows.clear();
    m_rowOf.clear();
    if (m_page) {
        delete m_scroll->takeWidget();
        m_page = nullptr;
    }
}

QWidget *FormView::editor(const QString &itemOid) const
{
    const auto it = m_rowOf.constFind(itemOid);
    return it == m_rowOf.cend() ? nullptr : m_rows.at(*it).input;
}

void FormView::build()
{
    m_page = new QWidget;
    m_page->setObjectName(QStringLiteral("formPage"));
    auto *pageLayout = new QVBoxLayout(m_page);
    pageLayout->setContentsMargins(4, 4, 12, 4);
    pageLayout->setSpacing(12);

    QList<QWidget *> tabOrder;
    const int sectionCount = qMax(1, int(m_form->sections.size()));
    for (int section = 0; section < sectionCount; ++section) {
        auto *box = new QGroupBox(m_page);
        box->setObjectName(QStringLiteral("section_%1").arg(section));
        if (section < m_form->sections.size())
            box->setTitle(m_form->sections.at(section).title.text(m_locale));
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setSpacing(6);
        bool any = false;
        for (const auto &item : m_form->items) {
            if (item.section != section && !(section == 0 && item.section >= sectionCount))
                continue;
            any = true;
            Row row;
            row.item = &item;
            row.container = new QWidget(box);
            row.container->setObjectName(QStringLiteral("row_%1").arg(item.oid));
            auto *grid = new QGridLayout(row.container);
            grid->setContentsMargins(0, 2, 0, 2);
            grid->setHorizontalSpacing(12);
            grid->setVerticalSpacing(2);
            grid->setColumnMinimumWidth(0, 300);
            grid->setColumnStretch(1, 1);
            row.label = new QLabel(row.container);
            row.label->setWordWrap(true);
            row.label->setTextFormat(Qt::RichText);
            row.label->setMaximumWidth(300);
            row.label->setMinimumWidth(300);
            createEditor(row, row.container);
            row.label->setBuddy(row.focusables.isEmpty() ? row.input : row.focusables.first());
            row.message = new QLabel(row.container);
            row.message->setObjectName(QStringLiteral("message_%1").arg(item.oid));
            row.message->setWordWrap(true);
            row.message->hide();
            row.confirm = new QCheckBox(row.container);
            row.confirm->setObjectName(QStringLiteral("confirm_%1").arg(item.oid));
            row.confirm->setProperty(itemProperty, QStringLiteral("confirm:") + item.oid);
            row.confirm->installEventFilter(this);
            row.confirm->hide();
            const QString oid = item.oid;
            connect(row.confirm, &QCheckBox::toggled, this, [this, oid](bool checked) {
                if (m_applying)
                    return;
                m_values[oid].softConfirmed = checked;
                setModified(true);
                revalidate();
            });
            row.container->setContextMenuPolicy(Qt::CustomContextMenu);
            connect(row.container, &QWidget::customContextMenuRequested, this, [this, oid](const QPoint &pos) {
                popupItemMenu(oid, m_rows.at(m_rowOf.value(oid)).container->mapToGlobal(pos));
            });

            // The editor with, beside it, the missing-data reason when one is
            // given, the item's menu button and its source-verification tick.
            auto *entry = new QWidget(row.container);
            entry->setObjectName(QStringLiteral("entry_%1").arg(oid));
            auto *entryLayout = new QHBoxLayout(entry);
            entryLayout->setContentsMargins(0, 0, 0, 0);
            entryLayout->setSpacing(8);
            row.missing = new QLabel(entry);
            row.missing->setObjectName(QStringLiteral("missing_%1").arg(oid));
            row.missing->setStyleSheet(QStringLiteral("QLabel { background: #e8ecf1; color: #1f2d3d; "
                                                      "border-radius: 3px; padding: 2px 8px; }"));
            row.missing->hide();
            row.menuButton = new QToolButton(entry);
            row.menuButton->setObjectName(QStringLiteral("itemMenuButton_%1").arg(oid));
            row.menuButton->setText(QStringLiteral("⋯"));
            row.menuButton->setAutoRaise(true);
            row.menuButton->setFocusPolicy(Qt::NoFocus);
            row.menuButton->setProperty(itemProperty, oid);
            row.menuButton->installEventFilter(this);
            connect(row.menuButton, &QToolButton::clicked, this, [this, oid] { popupItemMenu(oid); });
            row.sdv = new QCheckBox(entry);
            row.sdv->setObjectName(QStringLiteral("sdv_%1").arg(oid));
            row.sdv->setProperty(itemProperty, oid);
            row.sdv->installEventFilter(this);
            connect(row.sdv, &QCheckBox::clicked, this, [this, oid] { verifyItem(oid); });
            entryLayout->addWidget(row.missing, 0, Qt::AlignTop);
            entryLayout->addWidget(row.editor, 1);
            entryLayout->addWidget(row.menuButton, 0, Qt::AlignTop);
            entryLayout->addWidget(row.sdv, 0, Qt::AlignTop);

            grid->addWidget(row.label, 0, 0, 3, 1, Qt::AlignTop);
            grid->addWidget(entry, 0, 1);
            grid->addWidget(row.message, 1, 1);
            grid->addWidget(row.confirm, 2, 1);
            boxLayout->addWidget(row.container);
            for (auto *w : std::as_const(row.focusables))
                tabOrder.append(w);
            tabOrder.append(row.menuButton);
            tabOrder.append(row.confirm);
            tabOrder.append(row.sdv);
            m_rowOf.insert(item.oid, int(m_rows.size()));
            m_rows.append(row);
        }
        if (any)
            pageLayout->addWidget(box);
        else
            delete box;
    }
    pageLayout->addStretch();
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        QWidget::setTabOrder(tabOrder.at(i - 1), tabOrder.at(i));
    m_scroll->setWidget(m_page);

    showEntries();
    retranslate();
}

void FormView::createEditor(Row &row, QWidget *parent)
{
    const study::Item &item = *row.item;
    const QString oid = item.oid;
    const QString name = QStringLiteral("item_%1").arg(oid);
    const auto mayEdit = m_auth.mayDo(m_actor, Action::EnterData);
    const bool locked = m_loaded.status == QLatin1String("locked") || !mayEdit.isOk();

    auto lineEditor = [&](const QString &placeholder) {
        auto *holder = new QWidget(parent);
        auto *h = new QHBoxLayout(holder);
        h->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit(holder);
        edit->setObjectName(name);
        edit->setProperty(itemProperty, oid);
        edit->setPlaceholderText(placeholder);
        edit->setReadOnly(locked);
        if (item.maxLength > 0)
            edit->setMaxLength(item.maxLength);
        edit->installEventFilter(this);
        h->addWidget(edit);
        if (!item.unit.isEmpty()) {
            auto *unit = new QLabel(item.unit, holder);
            unit->setObjectName(QStringLiteral("unit_%1").arg(oid));
            unit->setStyleSheet(QStringLiteral("color: #5f6b7a;"));
            h->addWidget(unit);
        }
        h->addStretch();
        connect(edit, &QLineEdit::textEdited, this, [this, oid](const QString &text) { edited(oid, text); });
        holder->setObjectName(QStringLiteral("holder_%1").arg(oid));
        row.editor = holder;
        row.input = edit;
        row.focusables = {edit};
        row.setValue = [edit](const QString &v) { edit->setText(v); };
        return std::pair{holder, edit};
    };

    switch (item.type) {
    case study::ItemType::Text: {
        auto [holder, edit] = lineEditor({});
        edit->setMinimumWidth(item.maxLength > 0 && item.maxLength <= 10 ? 120 : 320);
        Q_UNUSED(holder)
        break;
    }
    case study::ItemType::Integer:
    case study::ItemType::Decimal: {
        auto [holder, edit] = lineEditor({});
        edit->setMaximumWidth(140);
        edit->setAlignment(Qt::AlignRight);
        edit->setInputMethodHints(item.type == study::ItemType::Integer ? Qt::ImhDigitsOnly
                                                                        : Qt::ImhFormattedNumbersOnly);
        Q_UNUSED(holder)
        break;
    }
    case study::ItemType::Time:
    case study::ItemType::DateTime: {
        auto [holder, edit] = lineEditor(item.type == study::ItemType::Time ? tr("HH:MM") : tr("YYYY-MM-DDTHH:MM"));
        edit->setMaximumWidth(item.type == study::ItemType::Time ? 90 : 180);
        Q_UNUSED(holder)
        break;
    }
    case study::ItemType::Date: {
        auto [holder, edit] = lineEditor(item.allowPartialDate ? tr("YYYY-MM-DD, YYYY-MM or YYYY") : tr("YYYY-MM-DD"));
        edit->setMaximumWidth(item.allowPartialDate ? 220 : 130);
        auto *button = new QToolButton(holder);
        button->setObjectName(QStringLiteral("calendar_%1").arg(oid));
        button->setText(QStringLiteral("…"));
        button->setToolTip(tr("Pick a date (F4)"));
        button->setAccessibleName(tr("Calendar"));
        button->setFocusPolicy(Qt::NoFocus);
        button->setEnabled(!locked);
        auto *menu = new QMenu(button);
        auto *calendar = new QCalendarWidget(menu);
        calendar->setObjectName(QStringLiteral("calendarWidget_%1").arg(oid));
        calendar->setGridVisible(false);
        auto *action = new QWidgetAction(menu);
        action->setDefaultWidget(calendar);
        menu->addAction(action);
        connect(menu, &QMenu::aboutToShow, calendar, [edit, calendar] {
            const QDate d = QDate::fromString(edit->text(), Qt::ISODate);
            calendar->setSelectedDate(d.isValid() ? d : QDate::currentDate());
        });
        connect(calendar, &QCalendarWidget::activated, this, [this, edit, menu, oid](const QDate &date) {
            edit->setText(date.toString(Qt::ISODate));
            menu->close();
            edited(oid, edit->text());
            edit->setFocus();
        });
        connect(calendar, &QCalendarWidget::clicked, calendar, &QCalendarWidget::activated);
        button->setMenu(menu);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0; }"));
        static_cast<QHBoxLayout *>(holder->layout())->insertWidget(1, button);
        edit->setProperty("calendarButton", QVariant::fromValue<QObject *>(button));
        break;
    }
    case study::ItemType::SingleChoice:
    case study::ItemType::YesNo: {
        auto *holder = new QWidget(parent);
        holder->setObjectName(name);
        auto *grid = choiceLayout(holder);
        auto *group = new QButtonGroup(holder);
        group->setExclusive(true);
        QList<QPair<QString, QString>> options;
        if (item.type == study::ItemType::YesNo) {
            options = {{QStringLiteral("1"), tr("Yes")}, {QStringLiteral("0"), tr("No")}};
        } else if (const auto *list = m_data.study().codeList(item.codeListOid)) {
            for (const auto &c : list->items)
                options.append({c.code, c.label.text(m_locale)});
        }
        QStringList labels;
        for (const auto &option : std::as_const(options))
            labels << option.second;
        const int perRow = choiceColumns(labels, options.size() <= 4 ? 4 : 3);
        for (int i = 0; i < options.size(); ++i) {
            auto *radio = new QRadioButton(options.at(i).second, holder);
            radio->setObjectName(QStringLiteral("%1_%2").arg(name, options.at(i).first));
            radio->setProperty(itemProperty, oid);
            radio->setProperty("code", options.at(i).first);
            radio->setEnabled(!locked);
            radio->installEventFilter(this);
            group->addButton(radio, i);
            grid->addWidget(radio, i / perRow, i % perRow);
            row.focusables.append(radio);
        }
        grid->setColumnStretch(perRow, 1);
        connect(group, &QButtonGroup::idToggled, this, [this, oid, options](int id, bool checked) {
            if (checked && id >= 0 && id < options.size())
                edited(oid, options.at(id).first);
        });
        row.editor = holder;
        row.setValue = [group, options](const QString &v) {
            group->setExclusive(false);
            for (int i = 0; i < options.size(); ++i)
                group->button(i)->setChecked(options.at(i).first == v);
            group->setExclusive(true);
        };
        break;
    }
    case study::ItemType::MultipleChoice: {
        auto *holder = new QWidget(parent);
        holder->setObjectName(name);
        auto *grid = choiceLayout(holder);
        QList<QPair<QString, QCheckBox *>> boxes;
        int perRow = 3;
        if (const auto *list = m_data.study().codeList(item.codeListOid)) {
            QStringList labels;
            for (const auto &c : list->items)
                labels << c.label.text(m_locale);
            perRow = choiceColumns(labels, 3);
            int i = 0;
            for (const auto &c : list->items) {
                auto *box = new QCheckBox(c.label.text(m_locale), holder);
                box->setObjectName(QStringLiteral("%1_%2").arg(name, c.code));
                box->setProperty(itemProperty, oid);
                box->setEnabled(!locked);
                box->installEventFilter(this);
                grid->addWidget(box, i / perRow, i % perRow);
                row.focusables.append(box);
                boxes.append({c.code, box});
                ++i;
            }
        }
        grid->setColumnStretch(perRow, 1);
        for (const auto &[code, box] : std::as_const(boxes)) {
            connect(box, &QCheckBox::toggled, this, [this, oid, boxes] {
                QStringList codes;
                for (const auto &[c, b] : boxes)
                    if (b->isChecked())
                        codes.append(c);
                edited(oid, codes.join(QLatin1Char('|')));
            });
        }
        row.editor = holder;
        row.setValue = [boxes](const QString &v) {
            const auto codes = v.split(QLatin1Char('|'), Qt::SkipEmptyParts);
            for (const auto &[code, box] : boxes)
                box->setChecked(codes.contains(code));
        };
        break;
    }
    case study::ItemType::Calculated:
    case study::ItemType::Derived: {
        auto [holder, edit] = lineEditor({});
        edit->setReadOnly(true);
        edit->setFocusPolicy(Qt::NoFocus);
        edit->setMaximumWidth(200);
        edit->setStyleSheet(QStringLiteral("QLineEdit { background: #eef1f4; color: #1f2d3d; }"));
        row.focusables.clear();
        Q_UNUSED(holder)
        break;
    }
    }

    if (!row.input)
        row.input = row.editor;
    row.input->setAccessibleName(itemLabel(item));
    for (auto *w : std::as_const(row.focusables))
        if (w->accessibleName().isEmpty())
            w->setAccessibleName(
                itemLabel(item) + QStringLiteral(": ") +
                (qobject_cast<QAbstractButton *>(w) ? qobject_cast<QAbstractButton *>(w)->text() : QString()));
}

void FormView::edited(const QString &itemOid, const QString &value)
{
    if (m_applying)
        return;
    auto &entry = m_values[itemOid];
    if (entry.value == value)
        return;
    entry.value = value;
    entry.softConfirmed = false;
    setModified(true);
    revalidate();
    if (const auto at = m_rowOf.constFind(itemOid); at != m_rowOf.cend())
        updateRowState(m_rows[*at]);
}

void FormView::setMissingReason(const QString &itemOid, const QString &code)
{
    const auto at = m_rowOf.constFind(itemOid);
    if (!m_form || at == m_rowOf.cend())
        return;
    Row &row = m_rows[*at];
    auto &entry = m_values[itemOid];
    if (entry.missingReason == code && (code.isEmpty() || entry.value.isEmpty()))
        return;
    // A reason stands instead of a value: the editor is cleared while it is given.
    entry.missingReason = code;
    if (!code.isEmpty())
        entry.value.clear();
    entry.softConfirmed = false;
    m_applying = true;
    row.setValue(entry.value);
    m_applying = false;
    updateRowState(row);
    setModified(true);
    revalidate();
    QWidget *next = code.isEmpty() ? (row.focusables.isEmpty() ? row.input : row.focusables.first()) : row.menuButton;
    next->setFocus(Qt::OtherFocusReason);
}

QString FormView::missingText(const QString &code) const
{
    if (code == QLatin1String("ND"))
        return tr("ND — not done");
    if (code == QLatin1String("UNK"))
        return tr("UNK — unknown");
    if (code == QLatin1String("NA"))
        return tr("NA — not applicable");
    return code;
}

QString FormView::entryText(const ItemEntry &entry) const
{
    if (!entry.value.isEmpty())
        return entry.value;
    return entry.missingReason.isEmpty() ? tr("(blank)") : missingText(entry.missingReason);
}

void FormView::showEntries()
{
    m_applying = true;
    for (auto &row : m_rows) {
        row.setValue(m_values.value(row.item->oid).value);
        updateRowState(row);
    }
    m_applying = false;
}

QString FormView::sdvUnavailable(const QString &itemOid) const
{
    const ItemEntry entry = m_values.value(itemOid);
    const ItemEntry saved = m_loaded.values.value(itemOid);
    if (const auto mark = m_marks.constFind(itemOid); mark != m_marks.cend()) {
        //: source data verification of one item: who, date
        return entry.value != saved.value || entry.missingReason != saved.missingReason
                   ? tr("Verified against the source by %1 on %2. Saving this change clears the mark.")
                         .arg(mark->verifiedBy, mark->utc.left(10))
                   : tr("Verified against the source by %1 on %2.").arg(mark->verifiedBy, mark->utc.left(10));
    }
    if (const auto may = m_auth.mayDo(m_actor, Action::VerifySource); !may.isOk())
        return may.message();
    if (m_loaded.status == QLatin1String("locked"))
        return tr("The form is locked.");
    if (saved.value.isEmpty() && saved.missingReason.isEmpty())
        return tr("Nothing to verify: no value is saved for this item.");
    if (entry.value != saved.value || entry.missingReason != saved.missingReason)
        return tr("Save the change before verifying it.");
    return {};
}

void FormView::updateRowState(Row &row)
{
    const QString oid = row.item->oid;
    const ItemEntry entry = m_values.value(oid);
    const bool missing = !entry.missingReason.isEmpty();
    row.missing->setText(missingText(entry.missingReason));
    row.missing->setVisible(missing);
    row.editor->setEnabled(!missing);
    // While a reason stands instead of the value, the item's keyboard stop is its menu button.
    row.menuButton->setFocusPolicy(missing ? Qt::TabFocus : Qt::NoFocus);

    const bool verified = m_marks.contains(oid);
    const QString why = sdvUnavailable(oid);
    row.sdv->setChecked(verified);
    row.sdv->setEnabled(!verified && why.isEmpty());
    row.sdv->setToolTip(why.isEmpty() ? tr("Tick when this value matches the source document") : why);
    row.sdv->setStyleSheet(verified ? QStringLiteral("QCheckBox { color: #1b6e3a; font-weight: bold; }") : QString());
}

void FormView::verifyItem(const QString &itemOid)
{
    if (!maybeLeave()) {
        showEntries();
        return;
    }
    if (const auto done = m_actions.verifyItems(m_actor, m_key, {itemOid}); !done)
        m_prompt.showError(this, tr("Not verified"), done.message());
    reload();
    Q_EMIT saved(m_key);
}

void FormView::popupItemMenu(const QString &itemOid, QPoint globalPos)
{
    const auto at = m_rowOf.constFind(itemOid);
    if (!m_form || at == m_rowOf.cend())
        return;
    const Row &row = m_rows.at(*at);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("itemMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    fillItemMenu(*menu, itemOid);
    if (globalPos.isNull()) {
        const QWidget *anchor = row.editor->isEnabled() ? row.editor : row.menuButton;
        globalPos = anchor->mapToGlobal(QPoint(0, anchor->height()));
    }
    menu->popup(globalPos);
}

void FormView::revalidate()
{
    if (!m_form)
        return;
    auto result = m_data.validate(m_actor, m_key, m_values, m_locale);
    if (!result)
        return;
    m_validation = *result;
    applyValidation();
}

void FormView::applyValidation()
{
    m_applying = true;
    int blocking = 0;
    int warnings = 0;
    for (auto &row : m_rows) {
        const auto &item = *row.item;
        const bool hidden = m_validation.hiddenItems.contains(item.oid);
        row.container->setVisible(!hidden);
        if (item.isComputed()) {
            const QString value = m_validation.values.value(item.oid).value;
            row.setValue(value);
            QStringList reasons;
            const auto output = m_validation.derivations.value(item.oid);
            for (const auto &r : output.value(QStringLiteral("reasons")).toArray())
                reasons.append(r.toString());
            QString tip = tr("Computed by CellCRF; not editable.");
            if (!reasons.isEmpty())
                tip += QStringLiteral("\n\n") + reasons.join(QLatin1Char('\n'));
            row.input->setToolTip(tip);
        }
        QStringList lines;
        QString color;
        bool confirmable = false;
        bool confirmed = false;
        for (const auto &m : m_validation.messagesFor(item.oid)) {
            if (m.kind == rules::MessageKind::RequiredMissing && !m_showRequired)
                continue;
            if (m.kind == rules::MessageKind::HiddenValueCleared)
                continue;
            lines.append(m.text.toHtmlEscaped());
            if (color.isEmpty() || m.severity == rules::Severity::Error)
                color = messageColor(m.severity);
            if (m.confirmable) {
                confirmable = true;
                confirmed = confirmed || m.confirmed;
            }
            if (m.blocksCompletion && !(m.confirmable && m.confirmed))
                ++blocking;
            else if (m.severity == rules::Severity::Warning)
                ++warnings;
        }
        row.message->setVisible(!lines.isEmpty() && !hidden);
        row.message->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, lines.join(QStringLiteral("<br>"))));
        row.confirm->setVisible(confirmable && !hidden);
        row.confirm->setChecked(confirmed);
    }
    m_applying = false;

    if (!m_validation.canSave())
        m_summary->setText(tr("Some values cannot be saved yet: see the messages in red."));
    else if (!m_validation.canComplete())
        m_summary->setText(m_showRequired ? tr("Saving keeps this form incomplete until every message is resolved.")
                                          : tr("Enter the values; required items are marked *. Ctrl+S saves."));
    else
        m_summary->setText(tr("Everything required is entered: saving completes the form."));
    Q_UNUSED(blocking)
    Q_UNUSED(warnings)
}

void FormView::updateHeader()
{
    if (!m_form)
        return;
    const auto *event = m_data.study().event(m_key.eventOid);
    const QString title = event ? tr("%1 — %2").arg(event->name.text(m_locale), m_form->name.text(m_locale))
                                : m_form->name.text(m_locale);
    m_title->setText(m_modified ? tr("%1 (unsaved)").arg(title) : title);
    m_status->setText(formStatusText(m_loaded.status));
    m_status->setStyleSheet(QStringLiteral("background:%1; border-radius:3px; padding:2px 8px;")
                                .arg(formStatusColor(m_loaded.status).name()));
    const auto mayEdit = m_auth.mayDo(m_actor, Action::EnterData);
    const bool locked = m_loaded.status == QLatin1String("locked");
    m_save->setEnabled(mayEdit.isOk() && !locked && m_modified);
    m_save->setToolTip(!mayEdit.isOk() ? mayEdit.message()
                       : locked        ? tr("The form is locked.")
                                       : tr("Save the form (Ctrl+S)"));
    const bool started = m_loaded.instanceId != 0;
    m_verify->setText(tr("Verify"));
    m_sign->setText(tr("Sign…"));
    m_lock->setText(locked ? tr("Unlock…") : tr("Lock"));
    m_verify->setAccessibleName(tr("Source data verified"));
    setAction(m_verify, Action::VerifySource,
              !started ? tr("Nothing to verify: the form has not been saved.")
              : locked ? tr("The form is locked.")
                       : QString());
    setAction(m_sign, Action::Sign,
              !started     ? tr("Nothing to sign: the form has not been saved.")
              : m_modified ? tr("Save the changes before signing.")
                           : QString());
    setAction(m_lock, locked ? Action::Unlock : Action::Lock,
              !started ? tr("Nothing to lock: the form has not been saved.") : QString());
    if (m_lock->isEnabled())
        m_lock->setToolTip(locked ? tr("Unlock the form, with a reason") : tr("Lock the form against changes"));
    if (m_verify->isEnabled())
        m_verify->setToolTip(tr("Mark every entered item as verified against the source"));
    if (m_sign->isEnabled())
        m_sign->setToolTip(tr("Sign the form electronically"));
}

void FormView::setAction(QPushButton *button, Action action, const QString &unavailable)
{
    const auto may = m_auth.mayDo(m_actor, action);
    button->setEnabled(may.isOk() && unavailable.isEmpty());
    button->setToolTip(!may.isOk() ? may.message() : unavailable);
}

void FormView::reload()
{
    if (!m_form)
        return;
    if (auto reloaded = m_data.loadForm(m_actor, m_key)) {
        m_loaded = *reloaded;
        m_values = m_loaded.values;
    }
    m_marks = m_actions.verificationMarks(m_actor, m_key);
    m_modified = false;
    showEntries();
    revalidate();
    updateHeader();
}

void FormView::verify()
{
    if (!maybeLeave())
        return;
    if (const auto done = m_actions.verifyForm(m_actor, m_key); !done) {
        m_prompt.showError(this, tr("Not verified"), done.message());
        return;
    }
    reload();
    Q_EMIT saved(m_key);
}

void FormView::sign()
{
    if (m_modified)
        return;
    if (!signStoredForm(this, m_prompt, m_actions, m_actor, m_key, m_form->name.text(m_locale), m_loaded.version,
                        {QStringLiteral("reviewed"), QStringLiteral("approved"), QStringLiteral("authored")}))
        return;
    reload();
    Q_EMIT saved(m_key);
}

void FormView::toggleLock()
{
    if (!maybeLeave())
        return;
    Status done;
    if (m_loaded.status == QLatin1String("locked")) {
        const auto reason = m_prompt.askReason(this, {tr("Unlock %1").arg(m_form->name.text(m_locale))});
        if (!reason)
            return;
        done = m_actions.unlockForm(m_actor, m_key, *reason);
    } else {
        done = m_actions.lockForm(m_actor, m_key);
    }
    if (!done) {
        m_prompt.showError(this, tr("Lock"), done.message());
        return;
    }
    reload();
    Q_EMIT saved(m_key);
}

void FormView::showHistory(const QString &itemOid)
{
    const auto subject = m_data.subject(m_actor, m_key.subjectId);
    if (!subject) {
        m_prompt.showError(this, tr("History"), subject.message());
        return;
    }
    const auto events = m_data.auditTrail().itemHistory(subject->key, m_key.eventOid, m_key.eventRepeat, m_key.formOid,
                                                        m_key.formRepeat, itemOid);
    if (!events) {
        m_prompt.showError(this, tr("History"), events.message());
        return;
    }
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("itemHistoryDialog"));
    const auto *item = m_form->item(itemOid);
    dialog.setWindowTitle(tr("History of %1").arg(item ? itemLabel(*item) : itemOid));
    auto *table = new QTreeWidget(&dialog);
    table->setObjectName(QStringLiteral("itemHistory"));
    table->setRootIsDecorated(false);
    table->setHeaderLabels(
        {tr("When (UTC)"), tr("Who"), tr("Role"), tr("Action"), tr("Old value"), tr("New value"), tr("Reason")});
    for (const auto &e : *events) {
        new QTreeWidgetItem(table, {e.utc.left(19).replace(QLatin1Char('T'), QLatin1Char(' ')), e.userName,
                                    roleText(e.userRole), e.action, e.oldValue.value_or(QString()),
                                    e.newValue.value_or(QString()), e.reason});
    }
    if (table->topLevelItemCount() == 0)
        new QTreeWidgetItem(table, {tr("No changes recorded yet.")});
    table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(900, 360);
    dialog.exec();
}

void FormView::fillItemMenu(QMenu &menu, const QString &itemOid)
{
    menu.setToolTipsVisible(true);
    auto *history = menu.addAction(tr("&History of this item…"));
    history->setObjectName(QStringLiteral("itemHistoryAction"));
    connect(history, &QAction::triggered, this, [this, itemOid] { showHistory(itemOid); });

    // The reason a value is missing, among the codes the study allows for the item.
    menu.addSeparator();
    const study::Item *item = m_form->item(itemOid);
    const ItemEntry entry = m_values.value(itemOid);
    const auto mayEdit = m_auth.mayDo(m_actor, Action::EnterData);
    const QString noEdit = !mayEdit.isOk()                              ? mayEdit.message()
                           : m_loaded.status == QLatin1String("locked") ? tr("The form is locked.")
                                                                        : QString();
    const QStringList codes = item ? item->missingCodes : QStringList();
    if (codes.isEmpty()) {
        auto *none = menu.addAction(tr("Missing-data reason"));
        none->setObjectName(QStringLiteral("missingReasonAction"));
        none->setEnabled(false);
        none->setToolTip(tr("The study allows no missing-data reason for this item: enter its value."));
    }
    for (const QString &code : codes) {
        const QString text = code == QLatin1String("ND")    ? tr("&Not done (ND)")
                             : code == QLatin1String("UNK") ? tr("Un&known (UNK)")
                             : code == QLatin1String("NA")  ? tr("Not &applicable (NA)")
                                                            : code;
        auto *action = menu.addAction(text);
        action->setObjectName(QStringLiteral("missingAction_%1").arg(code));
        action->setCheckable(true);
        action->setChecked(entry.missingReason == code);
        action->setEnabled(noEdit.isEmpty());
        action->setToolTip(
            noEdit.isEmpty() ? tr("The value is missing: %1. The editor is cleared.").arg(missingText(code)) : noEdit);
        connect(action, &QAction::triggered, this, [this, itemOid, code] { setMissingReason(itemOid, code); });
    }
    if (!codes.isEmpty()) {
        auto *clear = menu.addAction(tr("&Clear the missing-data reason"));
        clear->setObjectName(QStringLiteral("clearMissingAction"));
        const QString why = !noEdit.isEmpty()               ? noEdit
                            : entry.missingReason.isEmpty() ? tr("No missing-data reason is given.")
                                                            : QString();
        clear->setEnabled(why.isEmpty());
        clear->setToolTip(why);
        connect(clear, &QAction::triggered, this, [this, itemOid] { setMissingReason(itemOid, {}); });
    }

    menu.addSeparator();
    auto *verifyAction = menu.addAction(tr("&Verify this item against the source"));
    verifyAction->setObjectName(QStringLiteral("verifyItemAction"));
    const QString noVerify = sdvUnavailable(itemOid);
    verifyAction->setEnabled(noVerify.isEmpty());
    verifyAction->setToolTip(noVerify);
    connect(verifyAction, &QAction::triggered, this, [this, itemOid] { verifyItem(itemOid); });

    auto *query = menu.addAction(tr("Raise a &query on this item…"));
    query->setObjectName(QStringLiteral("raiseQueryAction"));
    const auto mayRaise = m_auth.mayDo(m_actor, Action::RaiseQuery);
    query->setEnabled(mayRaise.isOk() && m_loaded.instanceId != 0);
    query->setToolTip(!mayRaise.isOk() ? mayRaise.message() : tr("The form must be saved first."));
    connect(query, &QAction::triggered, this, [this, itemOid] { raiseQuery(itemOid); });

    // Each query of the item with the steps of its thread; a step the role may
    // not take, or that the query's state does not allow, is disabled with why.
    const auto queries = m_actions.queriesOfItem(m_actor, m_key, itemOid);
    if (queries.isEmpty())
        return;
    menu.addSeparator();
    const auto mayAnswer = m_auth.mayDo(m_actor, Action::AnswerQuery);
    const auto mayCloseAny = m_auth.mayDo(m_actor, Action::CloseQuery);
    for (const auto &q : queries) {
        // Closing and re-opening also need to be the opener (or a data manager).
        const Status mayClose = !mayCloseAny.isOk() ? mayCloseAny : m_actions.mayCloseQuery(m_actor, q);
        const QString question = q.messages.isEmpty() ? QString() : q.messages.first().text;
        const QString state = q.status == QLatin1String(records::querystatus::Closed)     ? tr("closed")
                              : q.status == QLatin1String(records::querystatus::Answered) ? tr("answered")
                                                                                          : tr("open");
        //: item context menu: a query's question (shortened) and its state
        auto *sub = menu.addMenu(
            tr("Query “%1” (%2)").arg(menu.fontMetrics().elidedText(question, Qt::ElideRight, 260), state));
        sub->setObjectName(QStringLiteral("queryMenu_%1").arg(q.id));
        sub->setToolTipsVisible(true);
        QStringList thread;
        for (const auto &m : q.messages)
            thread.append(tr("%1 (%2): %3").arg(m.userName, m.utc.left(10), m.text));
        sub->menuAction()->setToolTip(thread.join(QLatin1Char('\n')));

        const qint64 id = q.id;
        auto add = [&](const QString &text, const QString &name, QueryStep step, const Status &may,
                       const QString &unavailable) {
            auto *action = sub->addAction(text);
            action->setObjectName(QStringLiteral("%1_%2").arg(name).arg(id));
            action->setEnabled(may.isOk() && unavailable.isEmpty());
            action->setToolTip(!may.isOk() ? may.message() : unavailable);
            connect(action, &QAction::triggered, this, [this, itemOid, id, step] { stepQuery(itemOid, id, step); });
        };
        const bool closed = !q.isOpen();
        add(tr("Answer…"), QStringLiteral("answerQueryAction"), QueryStep::Answer, mayAnswer,
            closed ? tr("This query is closed.") : QString());
        add(tr("Close"), QStringLiteral("closeQueryAction"), QueryStep::Close, mayClose,
            closed ? tr("This query is already closed.") : QString());
        add(tr("Re-open…"), QStringLiteral("reopenQueryAction"), QueryStep::Reopen, mayClose,
            closed ? QString() : tr("Only a closed query can be re-opened."));
    }
}

void FormView::raiseQuery(const QString &itemOid)
{
    const auto *item = m_form->item(itemOid);
    const auto text =
        m_prompt.askText(this, tr("Raise a query"), tr("Query on \"%1\":").arg(item ? itemLabel(*item) : itemOid));
    if (!text || text->trimmed().isEmpty())
        return;
    if (const auto opened = m_actions.openQuery(m_actor, m_key, itemOid, text->trimmed()); !opened)
        m_prompt.showError(this, tr("Query not raised"), opened.message());
    else
        Q_EMIT saved(m_key);
}

void FormView::stepQuery(const QString &itemOid, qint64 queryId, QueryStep step)
{
    const auto *item = m_form->item(itemOid);
    const QString label = item ? itemLabel(*item) : itemOid;
    std::optional<QString> text;
    switch (step) {
    case QueryStep::Answer:
        text = m_prompt.askText(this, tr("Answer the query"), tr("Answer to the query on \"%1\":").arg(label));
        break;
    case QueryStep::Close:
        if (m_prompt.confirm(this, tr("Close the query"), tr("Close the query on \"%1\"?").arg(label)))
            text = QString();
        break;
    case QueryStep::Reopen:
        text = m_prompt.askText(this, tr("Re-open the query"), tr("Why is the query on \"%1\" re-opened?").arg(label));
        break;
    }
    if (!text)
        return;
    Status done;
    switch (step) {
    case QueryStep::Answer:
        done = m_actions.answerQuery(m_actor, queryId, *text);
        break;
    case QueryStep::Close:
        done = m_actions.closeQuery(m_actor, queryId, *text);
        break;
    case QueryStep::Reopen:
        done = m_actions.reopenQuery(m_actor, queryId, *text);
        break;
    }
    if (!done)
        m_prompt.showError(this, tr("Query"), done.message());
    else
        Q_EMIT saved(m_key);
}

bool FormView::save()
{
    if (!m_form || !m_modified)
        return true;
    m_showRequired = true;
    revalidate();
    if (!m_validation.canSave()) {
        m_prompt.showError(this, tr("Not saved"),
                           tr("Some values cannot be saved. Correct the items marked in red and save again."));
        return false;
    }
    records::SaveRequest request;
    request.key = m_key;
    request.expectedVersion = m_loaded.version;
    request.values = m_values;
    request.complete = m_validation.canComplete();
    auto outcome = m_data.saveForm(m_actor, request);
    if (!outcome.status && outcome.status.code() == ErrorCode::ReasonRequired &&
        !outcome.itemsNeedingReason.isEmpty()) {
        QStringList labels;
        for (const auto &oid : std::as_const(outcome.itemsNeedingReason)) {
            const auto *item = m_form->item(oid);
            //: reason-for-change list: item label, old value, new value
            labels.append(tr("%1: %2 → %3")
                              .arg(item ? itemLabel(*item) : oid, entryText(m_loaded.values.value(oid)),
                                   entryText(m_values.value(oid))));
        }
        const auto reason = m_prompt.askReason(this, labels);
        if (!reason)
            return false;
        request.reason = *reason;
        outcome = m_data.saveForm(m_actor, request);
    }
    if (!outcome.status) {
        m_prompt.showError(this, tr("Not saved"), outcome.status.message());
        return false;
    }
    auto reloaded = m_data.loadForm(m_actor, m_key);
    if (reloaded) {
        m_loaded = *reloaded;
        m_values = m_loaded.values;
    }
    // A changed value has lost its verification mark: show the marks as stored.
    m_marks = m_actions.verificationMarks(m_actor, m_key);
    m_modified = false;
    showEntries();
    revalidate();
    updateHeader();
    Q_EMIT modifiedChanged(false);
    Q_EMIT saved(m_key);
    return true;
}

bool FormView::maybeLeave()
{
    if (!m_form || !m_modified)
        return true;
    const QString what = m_form->name.text(m_locale);
    switch (m_prompt.askUnsaved(this, what)) {
    case UnsavedAnswer::Save:
        return save();
    case UnsavedAnswer::Discard:
        m_modified = false;
        Q_EMIT modifiedChanged(false);
        return true;
    case UnsavedAnswer::Cancel:
        break;
    }
    return false;
}

void FormView::setLocale(const QString &locale)
{
    if (m_locale == locale)
        return;
    m_locale = locale;
    if (!m_form)
        return;
    // Rebuild the page in the new language, keeping what was typed.
    const FormValues values = m_values;
    const bool modified = m_modified;
    clearRows();
    build();
    m_values = values;
    m_modified = modified;
    showEntries();
    revalidate();
    updateHeader();
}

void FormView::retranslate()
{
    m_save->setText(tr("Save"));
    m_save->setAccessibleName(tr("Save form"));
    m_empty->setText(tr("Choose a form from the visit schedule on the left.\n"
                        "Tab and Enter move between items; Ctrl+S saves."));
    for (auto &row : m_rows) {
        const auto &item = *row.item;
        QString text = itemLabel(item).toHtmlEscaped();
        if (item.required && !item.isComputed())
            text += QStringLiteral(" <span style=\"color:#a12622\" title=\"%1\">*</span>").arg(tr("required"));
        if (!item.help.isEmpty())
            text += QStringLiteral("<br><span style=\"color:#5f6b7a; font-size:small\">%1</span>")
                        .arg(item.help.text(m_locale).toHtmlEscaped());
        row.label->setText(text);
        row.confirm->setText(tr("I confirm this value"));
        //: per-item tick: source data verified
        row.sdv->setText(tr("SDV"));
        row.sdv->setAccessibleName(tr("Source data verified: %1").arg(itemLabel(item)));
        row.menuButton->setToolTip(tr("History, missing-data reason, verification and queries of this item "
                                      "(Shift+F10)"));
        row.menuButton->setAccessibleName(tr("Menu of %1").arg(itemLabel(item)));
        row.confirm->setAccessibleName(tr("Confirm %1").arg(itemLabel(item)));
    }
    updateHeader();
    if (m_form)
        applyValidation();
}

void FormView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QList<QWidget *> FormView::focusStops() const
{
    QList<QWidget *> stops;
    for (const auto &row : m_rows) {
        if (!row.container->isVisibleTo(m_page))
            continue;
        QWidget *groupStop = nullptr;
        for (auto *w : row.focusables) {
            if (!w->isEnabled())
                continue;
            if (auto *radio = qobject_cast<QRadioButton *>(w)) {
                // The checked option stands for its group; otherwise the first one.
                if (!groupStop || radio->isChecked())
                    groupStop = radio;
                continue;
            }
            stops.append(w);
        }
        if (groupStop)
            stops.append(groupStop);
        if (row.menuButton->focusPolicy() != Qt::NoFocus)
            stops.append(row.menuButton);
        if (row.confirm->isVisibleTo(m_page))
            stops.append(row.confirm);
        if (row.sdv->isEnabled())
            stops.append(row.sdv);
    }
    return stops;
}

void FormView::moveFocus(QWidget *from, bool forward)
{
    const auto stops = focusStops();
    const QString oid = from->property(itemProperty).toString();
    int at = int(stops.indexOf(from));
    if (at < 0 && !oid.isEmpty()) {
        // Another option of a radio group: find the group's stop.
        for (int i = 0; i < stops.size(); ++i)
            if (stops.at(i)->property(itemProperty).toString() == oid && qobject_cast<QRadioButton *>(stops.at(i)))
                at = i;
    }
    const int next = at + (forward ? 1 : -1);
    if (at >= 0 && next >= 0 && next < stops.size()) {
        stops.at(next)->setFocus(forward ? Qt::TabFocusReason : Qt::BacktabFocusReason);
        if (auto *edit = qobject_cast<QLineEdit *>(stops.at(next)))
            edit->selectAll();
        const auto *w = stops.at(next);
        m_scroll->ensureWidgetVisible(w->parentWidget() ? w->parentWidget() : stops.at(next), 40, 60);
        return;
    }
    if (forward)
        m_save->setFocus(Qt::TabFocusReason);
    else
        focusPreviousChild();
}

bool FormView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget)
        return false;
    if (key->matches(QKeySequence::Save)) {
        save();
        return true;
    }
    // The Menu key or Shift+F10 opens the item's menu (missing-data reason, SDV, queries).
    if (key->key() == Qt::Key_Menu || (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier)) {
        QString oid = widget->property(itemProperty).toString();
        oid.remove(QStringLiteral("confirm:"));
        if (m_rowOf.contains(oid)) {
            popupItemMenu(oid);
            return true;
        }
    }
    // Tab and Enter move item by item (a radio group is one stop): a whole form
    // is entered without the mouse.
    const bool plain = key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain) {
        moveFocus(widget, true);
        return true;
    }
    if (key->key() == Qt::Key_Tab && plain) {
        moveFocus(widget, true);
        return true;
    }
    if (key->key() == Qt::Key_Backtab || (key->key() == Qt::Key_Tab && key->modifiers() == Qt::ShiftModifier)) {
        moveFocus(widget, false);
        return true;
    }
    if (key->key() == Qt::Key_F4) {
        if (auto *button = qobject_cast<QToolButton *>(widget->property("calendarButton").value<QObject *>())) {
            button->showMenu();
            return true;
        }
    }
    // In a choice group: a digit picks the n-th option, Y/N answer a yes/no, Delete clears.
    if (auto *radio = qobject_cast<QRadioButton *>(widget)) {
        auto *group = radio->group();
        if (!group)
            return false;
        const auto buttons = group->buttons();
        int pick = -1;
        if (key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9)
            pick = key->key() - Qt::Key_1;
        if (key->text().compare(QStringLiteral("y"), Qt::CaseInsensitive) == 0 ||
            key->text().compare(QStringLiteral("n"), Qt::CaseInsensitive) == 0) {
            const QString wanted = key->text().compare(QStringLiteral("y"), Qt::CaseInsensitive) == 0
                                       ? QStringLiteral("1")
                                       : QStringLiteral("0");
            for (int i = 0; i < buttons.size(); ++i)
                if (buttons.at(i)->property("code").toString() == wanted &&
                    m_rows.at(m_rowOf.value(radio->property(itemProperty).toString())).item->type ==
                        study::ItemType::YesNo)
                    pick = i;
        }
        if (pick >= 0 && pick < buttons.size()) {
            buttons.at(pick)->setChecked(true);
            buttons.at(pick)->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            group->setExclusive(false);
            for (auto *b : buttons)
                b->setChecked(false);
            group->setExclusive(true);
            edited(radio->property(itemProperty).toString(), QString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace cellcrf::forms
