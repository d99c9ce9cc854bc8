#include "exchange/redcapexport.h"

#include "core/clock.h"
#include "exchange/csvwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

namespace cellcrf::exchange {

namespace {

using study::ItemType;

bool formSelected(const ExportOptions &options, const QString &formOid)
{
    return options.forms.isEmpty() || options.forms.contains(formOid);
}

bool eventSelected(const ExportOptions &options, const QString &eventOid)
{
    return options.events.isEmpty() || options.events.contains(eventOid);
}

bool itemExported(const ExportOptions &options, const study::Item &item)
{
    return !(options.deidentify && item.identifier);
}

bool isDateLike(const study::Item &item)
{
    return item.type == ItemType::Date || item.type == ItemType::DateTime;
}

QString numberText(double d)
{
    return QString::number(d, 'g', 15);
}

// One column of the data file.
struct Column
{
    const study::Form *form = nullptr;
    const study::Item *item = nullptr; // null: the <form>_complete column
    QString code;                      // a multiple-choice column's code
};

// How the values of one item become cells: computed once per export, so that a
// stored value goes straight to its columns.
struct ItemPlan
{
    const study::Item *item = nullptr; // null: not exported
    qsizetype column = 0;              // first column of the item
    QStringList codes;                 // a multiple choice: the code of each of its columns
    const study::CodeList *codeList = nullptr;
};

struct FormPlan
{
    qsizetype first = 0;    // index of the form's first column
    QStringList defaults;   // the form's cells when it holds no value
    qsizetype complete = 0; // index of the <form>_complete column
    QList<ItemPlan> items;  // by the item's position in the form
};

class DataLayout
{
public:
    DataLayout(const study::Study &study, const ExportOptions &options)
        : m_study(study)
        , m_options(options)
        , m_names(study)
        , m_checked(options.labels ? QStringLiteral("Checked") : QStringLiteral("1"))
    {
        const QString unchecked = options.labels ? QStringLiteral("Unchecked") : QStringLiteral("0");
        m_fixed = options.dataAccessGroups ? 5 : 4;
        for (const study::Form &f : study.forms) {
            if (!formSelected(options, f.oid))
                continue;
            FormPlan plan;
            plan.first = m_fixed + m_columns.size();
            plan.items.resize(f.items.size());
            for (qsizetype k = 0; k < f.items.size(); ++k) {
                const study::Item &i = f.items.at(k);
                if (!itemExported(options, i))
                    continue;
                ItemPlan &ip = plan.items[k];
                ip.item = &i;
                ip.column = m_fixed + m_columns.size();
                ip.codeList = study.codeList(i.codeListOid);
                if (i.type == ItemType::MultipleChoice) {
                    if (ip.codeList) {
                        for (const study::CodeListItem &c : ip.codeList->items) {
                            m_columns << Column{&f, &i, c.code};
                            ip.codes << c.code;
                            plan.defaults << unchecked;
                        }
                    }
                } else {
                    m_columns << Column{&f, &i, {}};
                    plan.defaults << QString();
                }
            }
            m_columns << Column{&f, nullptr, {}};
            plan.complete = m_fixed + m_columns.size() - 1;
            plan.defaults << QString();
            m_forms.insert(f.oid, plan);
        }
        for (const study::Event &e : study.events)
            m_events.insert(e.oid, options.labels ? e.name.text() : VariableNames::uniqueEventName(e.oid));
    }

    QStringList header() const
    {
        QStringList h;
        if (m_options.labels) {
            h << QStringLiteral("Record ID") << QStringLiteral("Event Name") << QStringLiteral("Repeat Instrument")
              << QStringLiteral("Repeat Instance");
            if (m_options.dataAccessGroups)
                h << QStringLiteral("Data Access Group");
        } else {
            h << QStringLiteral("record_id") << QStringLiteral("redcap_event_name")
              << QStringLiteral("redcap_repeat_instrument") << QStringLiteral("redcap_repeat_instance");
            if (m_options.dataAccessGroups)
                h << QStringLiteral("redcap_data_access_group");
        }
        for (const Column &c : m_columns) {
            if (!c.item) {
                h << (m_options.labels ? QStringLiteral("Complete?")
                                       : VariableNames::formName(c.form->oid) + QLatin1String("_complete"));
                continue;
            }
            const QString field = m_names.field(c.form->oid, c.item->oid);
            if (m_options.labels) {
                const QString label = c.item->label.text();
                if (c.code.isEmpty()) {
                    h << label;
                } else {
                    const study::CodeList *cl = m_study.codeList(c.item->codeListOid);
                    h << QStringLiteral("%1 (choice=%2)").arg(label, cl ? cl->label(c.code) : c.code);
                }
            } else {
                h << (c.code.isEmpty() ? field : VariableNames::checkboxColumn(field, c.code));
            }
        }
        return h;
    }

    qsizetype width() const { return m_fixed + m_columns.size(); }

    // The event column of a row: its unique name, or its name in the labels variant.
    QString event(const QString &eventOid) const
    {
        const auto it = m_events.constFind(eventOid);
        return it != m_events.cend() ? *it : VariableNames::uniqueEventName(eventOid);
    }

    // Fills the cells of one form instance into `row`.
    void fill(QStringList &row, const StoredForm &form, const StoredSubject &subject) const
    {
        const auto it = m_forms.constFind(form.formOid);
        if (it == m_forms.constEnd())
            return;
        const FormPlan &plan = *it;
        for (qsizetype k = 0; k < plan.defaults.size(); ++k)
            row[plan.first + k] = plan.defaults.at(k);
        row[plan.complete] = complete(form.status);
        for (const StoredValue &v : form.values) {
            if (v.itemIndex < 0 || v.itemIndex >= plan.items.size())
                continue; // not an item of the form's definition
            const ItemPlan &ip = plan.items.at(v.itemIndex);
            if (ip.item)
                cells(row, ip, v, subject);
        }
    }

private:
    QString complete(const QString &status) const
    {
        // REDCap: 0 incomplete, 1 unverified, 2 complete. A completed form
        // becomes "complete" in REDCap's sense once it has been verified.
        int code = 0;
        if (status == QLatin1String("complete"))
            code = 1;
        else if (status == QLatin1String("verified") || status == QLatin1String("signed") ||
                 status == QLatin1String("locked"))
            code = 2;
        if (!m_options.labels)
            return QString::number(code);
        static const QStringList labels{QStringLiteral("Incomplete"), QStringLiteral("Unverified"),
                                        QStringLiteral("Complete")};
        return labels.at(code);
    }

    // The cells of one stored value (the defaults of fill() stand for no value).
    void cells(QStringList &row, const ItemPlan &ip, const StoredValue &v, const StoredSubject &subject) const
    {
        const study::Item &item = *ip.item;
        if (item.type == ItemType::MultipleChoice) {
            if (v.value.isEmpty() && !v.missingReason.isEmpty()) {
                for (qsizetype k = 0; k < ip.codes.size(); ++k)
                    row[ip.column + k] = v.missingReason; // the export folds the reason into the value
                return;
            }
            for (const QStringView chosen : QStringView(v.value).split(QLatin1Char('|')))
                for (qsizetype k = 0; k < ip.codes.size(); ++k)
                    if (ip.codes.at(k) == chosen)
                        row[ip.column + k] = m_checked;
            return;
        }
        row[ip.column] = cell(ip, v, subject);
    }

    QString cell(const ItemPlan &ip, const StoredValue &v, const StoredSubject &subject) const
    {
        const study::Item &item = *ip.item;
        if (v.value.isEmpty())
            return v.missingReason; // the export folds the reason into the value
        if (m_options.deidentify && isDateLike(item))
            return dayOffset(v.value, subject.consent);
        switch (item.type) {
        case ItemType::DateTime: {
            QString t = v.value;
            return t.replace(QLatin1Char('T'), QLatin1Char(' '));
        }
        case ItemType::YesNo:
            if (m_options.labels)
                return v.value == QLatin1String("1") ? QStringLiteral("Yes") : QStringLiteral("No");
            return v.value;
        case ItemType::SingleChoice:
            if (m_options.labels && ip.codeList)
                return ip.codeList->label(v.value);
            return v.value;
        default:
            return v.value;
        }
    }

    const study::Study &m_study;
    const ExportOptions &m_options;
    VariableNames m_names;
    QString m_checked;
    qsizetype m_fixed = 4;
    QList<Column> m_columns;
    QHash<QString, FormPlan> m_forms;
    QHash<QString, QString> m_events;
};

// --- branching logic -------------------------------------------------------

struct Token
{
    enum Kind
    {
        Name,
        Number,
        String,
        Op,
        LParen,
        RParen,
        Comma,
        End
    } kind = End;
    QString text;
};

QList<Token> tokenize(const QString &e, bool &ok)
{
    QList<Token> out;
    ok = true;
    qsizetype i = 0;
    while (i < e.size()) {
        const QChar c = e.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            qsizetype j = i;
            while (j < e.size() &&
                   (e.at(j).isLetterOrNumber() || e.at(j) == QLatin1Char('_') || e.at(j) == QLatin1Char('.')))
                ++j;
            out << Token{Token::Name, e.mid(i, j - i)};
            i = j;
        } else if (c.isDigit()) {
            qsizetype j = i;
            while (j < e.size() && (e.at(j).isDigit() || e.at(j) == QLatin1Char('.')))
                ++j;
            out << Token{Token::Number, e.mid(i, j - i)};
            i = j;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const qsizetype j = e.indexOf(c, i + 1);
            if (j < 0) {
                ok = false;
                return {};
            }
            out << Token{Token::String, e.mid(i + 1, j - i - 1)};
            i = j + 1;
        } else if (c == QLatin1Char('(')) {
            out << Token{Token::LParen, QStringLiteral("(")};
            ++i;
        } else if (c == QLatin1Char(')')) {
            out << Token{Token::RParen, QStringLiteral(")")};
            ++i;
        } else if (c == QLatin1Char(',')) {
            out << Token{Token::Comma, QStringLiteral(",")};
            ++i;
        } else {
            static const QStringList ops{QStringLiteral("!="), QStringLiteral("<>"), QStringLiteral("<="),
                                         QStringLiteral(">="), QStringLiteral("=="), QStringLiteral("="),
                                         QStringLiteral("<"),  QStringLiteral(">")};
            bool matched = false;
            for (const QString &op : ops) {
                if (e.mid(i, op.size()) == op) {
                    out << Token{Token::Op, op};
                    i += op.size();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                ok = false;
                return {};
            }
        }
    }
    return out;
}

// redcapBranchingLogic() with the study's variable names made once by the caller.
QString branchingLogic(const VariableNames &names, const QString &formOid, const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return {};
    bool ok = true;
    const QList<Token> t = tokenize(expression, ok);
    if (!ok)
        return {};
    QStringList out;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const Token &k = t.at(i);
        switch (k.kind) {
        case Token::Name: {
            const QString lower = k.text.toLower();
            if (lower == QLatin1String("and") || lower == QLatin1String("or")) {
                out << lower;
            } else if (lower == QLatin1String("true")) {
                out << QStringLiteral("'1'");
            } else if (lower == QLatin1String("false")) {
                out << QStringLiteral("'0'");
            } else if (lower == QLatin1String("has")) {
                // has(item, 'code') -> [item(code)] = '1'
                if (i + 5 < t.size() && t.at(i + 1).kind == Token::LParen && t.at(i + 2).kind == Token::Name &&
                    t.at(i + 3).kind == Token::Comma && t.at(i + 4).kind == Token::String &&
                    t.at(i + 5).kind == Token::RParen) {
                    out << QStringLiteral("[%1(%2)] = '1'")
                               .arg(names.reference(formOid, t.at(i + 2).text), t.at(i + 4).text);
                    i += 5;
                } else {
                    return {};
                }
            } else if (i + 1 < t.size() && t.at(i + 1).kind == Token::LParen) {
                return {}; // other functions have no REDCap equivalent here
            } else if (lower == QLatin1String("not")) {
                return {};
            } else {
                out << QLatin1Char('[') + names.reference(formOid, k.text) + QLatin1Char(']');
            }
            break;
        }
        case Token::Number:
            out << k.text;
            break;
        case Token::String:
            if (k.text.contains(QLatin1Char('\'')))
                return {};
            out << QLatin1Char('\'') + k.text + QLatin1Char('\'');
            break;
        case Token::Op:
            out << (k.text == QLatin1String("!=")   ? QStringLiteral("<>")
                    : k.text == QLatin1String("==") ? QStringLiteral("=")
                                                    : k.text);
            break;
        case Token::LParen:
        case Token::RParen:
            out << k.text;
            break;
        case Token::Comma:
        case Token::End:
            return {};
        }
    }
    QString s = out.join(QLatin1Char(' '));
    s.replace(QLatin1String("( "), QLatin1String("("));
    s.replace(QLatin1String(" )"), QLatin1String(")"));
    return s;
}

} // namespace

QString redcapBranchingLogic(const study::Study &study, const QString &formOid, const QString &expression)
{
    return branchingLogic(VariableNames(study), formOid, expression);
}

QStringList redcapDictionaryHeader()
{
    return {QStringLiteral("Variable / Field Name"),
            QStringLiteral("Form Name"),
            QStringLiteral("Section Header"),
            QStringLiteral("Field Type"),
            QStringLiteral("Field Label"),
            QStringLiteral("Choices, Calculations, OR Slider Labels"),
            QStringLiteral("Field Note"),
            QStringLiteral("Text Validation Type OR Show Slider Number"),
            QStringLiteral("Text Validation Min"),
            QStringLiteral("Text Validation Max"),
            QStringLiteral("Identifier?"),
            QStringLiteral("Branching Logic (Show field only if...)"),
            QStringLiteral("Required Field?"),
            QStringLiteral("Custom Alignment"),
            QStringLiteral("Question Number (surveys only)"),
            QStringLiteral("Matrix Group Name"),
            QStringLiteral("Matrix Ranking?"),
            QStringLiteral("Field Annotation")};
}

QList<QStringList> redcapDictionaryRows(const study::Study &study, const ExportOptions &options)
{
    const VariableNames names(study);
    QList<QStringList> rows;
    bool first = true;
    for (const study::Form &f : study.forms) {
        if (!formSelected(options, f.oid))
            continue;
        const QString formName = VariableNames::formName(f.oid);
        if (first) {
            // REDCap wants the record id as the first field of the first instrument.
            QStringList r(18);
            r[0] = QStringLiteral("record_id");
            r[1] = formName;
            r[3] = QStringLiteral("text");
            r[4] = QStringLiteral("Subject ID");
            rows << r;
            first = false;
        }
        int lastSection = -1;
        for (const study::Item &i : f.items) {
            if (!itemExported(options, i))
                continue;
            QStringList r(18);
            r[0] = names.field(f.oid, i.oid);
            r[1] = formName;
            if (i.section != lastSection && i.section >= 0 && i.section < f.sections.size())
                r[2] = f.sections.at(i.section).title.text();
            lastSection = i.section;
            r[4] = i.label.text();
            QStringList notes;
            if (!i.unit.isEmpty())
                notes << i.unit;
            QStringList annotations;
            if (!i.cdashName.isEmpty())
                annotations << QStringLiteral("CDASH: ") + i.cdashName;
            switch (i.type) {
            case ItemType::SingleChoice:
            case ItemType::MultipleChoice: {
                r[3] = i.type == ItemType::SingleChoice ? QStringLiteral("radio") : QStringLiteral("checkbox");
                QStringList choices;
                if (const study::CodeList *cl = study.codeList(i.codeListOid))
                    for (const study::CodeListItem &c : cl->items)
                        choices << c.code + QStringLiteral(", ") + c.label.text();
                r[5] = choices.join(QStringLiteral(" | "));
                break;
            }
            case ItemType::YesNo:
                r[3] = QStringLiteral("yesno");
                break;
            default:
                r[3] = QStringLiteral("text");
                break;
            }
            if (options.deidentify && isDateLike(i)) {
                r[7] = QStringLiteral("integer");
                notes << QStringLiteral("days from informed consent");
            } else {
                switch (i.type) {
                case ItemType::Date:
                    // A partial date (YYYY, YYYY-MM) would fail date_ymd on import.
                    if (!i.allowPartialDate)
                        r[7] = QStringLiteral("date_ymd");
                    break;
                case ItemType::DateTime:
                    r[7] = QStringLiteral("datetime_ymd");
                    break;
                case ItemType::Time:
                    r[7] = QStringLiteral("time");
                    break;
                case ItemType::Integer:
                    r[7] = QStringLiteral("integer");
                    break;
                case ItemType::Decimal:
                    r[7] = QStringLiteral("number");
                    break;
                default:
                    break;
                }
            }
            if (i.isNumeric()) {
                if (i.range.hardMin)
                    r[8] = numberText(*i.range.hardMin);
                if (i.range.hardMax)
                    r[9] = numberText(*i.range.hardMax);
            }
            if (i.isComputed()) {
                annotations << QStringLiteral("@READONLY");
                notes << QStringLiteral("computed by CellCRF");
            }
            r[6] = notes.join(QStringLiteral("; "));
            r[10] = i.identifier ? QStringLiteral("y") : QString();
            r[11] = branchingLogic(names, f.oid, i.showIf);
            r[12] = i.required ? QStringLiteral("y") : QString();
            r[17] = annotations.join(QLatin1Char(' '));
            rows << r;
        }
    }
    return rows;
}

namespace {

Status writeCsv(OutputFiles &files, const QString &name, const QList<QStringList> &rows, const ExportOptions &options,
                bool guard, ExportResult &result)
{
    QSaveFile *f = files.open(name);
    if (!f)
        return files.status();
    CsvWriter w(*f, {options.bom, guard});
    for (const QStringList &r : rows)
        if (!w.writeRow(r))
            return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(name), f->errorString());
    result.files << ExportedFile{name, w.sha256(), w.rowCount() - 1};
    return Status::ok();
}

} // namespace

Result<ExportResult> exportRedcap(const ExportContext &context, const ExportOptions &options, const QString &directory,
                                  const Progress &progress, const CancelCheck &cancelled)
{
    if (Status s = checkExportStart(context.actor, options, directory); !s)
        return s;

    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString prefix = study.oid.toUpper();
    const QString stamp = fileStamp(now);
    // The labels variant is for people and spreadsheets: guarded. The raw file
    // must re-import exactly: never altered.
    const bool guard = options.labels;
    ExportResult result;
    OutputFiles files(directory);

    // Data dictionary and the small files that describe the project.
    QList<QStringList> dict{redcapDictionaryHeader()};
    dict << redcapDictionaryRows(study, options);
    if (Status s = writeCsv(files, prefix + QStringLiteral("_DataDictionary_") + stamp + QStringLiteral(".csv"), dict,
                            options, guard, result);
        !s)
        return s;

    QList<QStringList> events{
        {QStringLiteral("arm_num"), QStringLiteral("event_name"), QStringLiteral("unique_event_name")}};
    QList<QStringList> mapping{
        {QStringLiteral("arm_num"), QStringLiteral("unique_event_name"), QStringLiteral("form")}};
    QList<QStringList> repeating{
        {QStringLiteral("event_name"), QStringLiteral("form_name"), QStringLiteral("custom_form_label")}};
    for (const study::Event &e : study.events) {
        if (!eventSelected(options, e.oid))
            continue;
        const QString unique = VariableNames::uniqueEventName(e.oid);
        events << QStringList{QStringLiteral("1"), e.name.text(), unique};
        if (e.repeating)
            repeating << QStringList{unique, QString(), QString()};
        for (const QString &formOid : e.forms) {
            if (!formSelected(options, formOid))
                continue;
            mapping << QStringList{QStringLiteral("1"), unique, VariableNames::formName(formOid)};
            const study::Form *form = study.form(formOid);
            if (!e.repeating && form && form->repeating)
                repeating << QStringList{unique, VariableNames::formName(formOid), QString()};
        }
    }
    for (const auto &[suffix, rows] : {std::pair{QStringLiteral("_events.csv"), &events},
                                       std::pair{QStringLiteral("_instrument_event_mapping.csv"), &mapping},
                                       std::pair{QStringLiteral("_repeating.csv"), &repeating}}) {
        if (Status s = writeCsv(files, prefix + suffix, *rows, options, guard, result); !s)
            return s;
    }

    // The data file, one subject at a time.
    const QString dataName = prefix + (options.labels ? QStringLiteral("_DATA_LABELS_") : QStringLiteral("_DATA_")) +
                             stamp + QStringLiteral(".csv");
    QSaveFile *data = files.open(dataName);
    if (!data)
        return files.status();
    CsvWriter w(*data, {options.bom, guard});
    const DataLayout layout(study, options);
    const auto writeFailed = [&] {
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(dataName), data->errorString());
    };
    if (!w.writeRow(layout.header()))
        return writeFailed();

    SubjectReader reader(context.db, study, context.actor, options, false);
    const qint64 total = reader.count();
    if (progress)
        progress(0, total);
    qint64 done = 0;
    while (true) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        std::optional<StoredSubject> s = reader.next();
        if (!s)
            break;
        const QString dag = VariableNames::sanitize(s->siteOid);
        const auto newRow = [&](const StoredForm &f, const QString &instrument, const QString &instance) {
            QStringList row(layout.width());
            row[0] = s->key;
            row[1] = layout.event(f.eventOid);
            row[2] = instrument;
            row[3] = instance;
            if (options.dataAccessGroups)
                row[4] = dag;
            return row;
        };
        // Forms arrive sorted by event, event repeat, form, form repeat.
        qsizetype i = 0;
        while (i < s->forms.size()) {
            qsizetype j = i;
            while (j < s->forms.size() && s->forms.at(j).eventOid == s->forms.at(i).eventOid &&
                   s->forms.at(j).eventRepeat == s->forms.at(i).eventRepeat)
                ++j;
            const study::Event *ev = study.event(s->forms.at(i).eventOid);
            if (ev && ev->repeating) {
                QStringList row = newRow(s->forms.at(i), QString(), QString::number(s->forms.at(i).eventRepeat));
                for (qsizetype k = i; k < j; ++k)
                    layout.fill(row, s->forms.at(k), *s);
                if (!w.writeRow(row))
                    return writeFailed();
            } else {
                QStringList base;
                QList<QStringList> repeats;
                for (qsizetype k = i; k < j; ++k) {
                    const StoredForm &f = s->forms.at(k);
                    const study::Form *form = study.form(f.formOid);
                    if (form && form->repeating) {
                        const QString instrument =
                            options.labels ? form->name.text() : VariableNames::formName(f.formOid);
                        QStringList row = newRow(f, instrument, QString::number(f.formRepeat));
                        layout.fill(row, f, *s);
                        repeats << row;
                    } else {
                        if (base.isEmpty())
                            base = newRow(f, QString(), QString());
                        layout.fill(base, f, *s);
                    }
                }
                if (!base.isEmpty() && !w.writeRow(base))
                    return writeFailed();
                for (const QStringList &r : std::as_const(repeats))
                    if (!w.writeRow(r))
                        return writeFailed();
            }
            i = j;
        }
        ++done;
        if (progress)
            progress(done, total);
    }
    if (!reader.status())
        return reader.status();
    result.files << ExportedFile{dataName, w.sha256(), w.rowCount() - 1};
    result.subjects = done;

    QJsonObject extra;
    extra[QStringLiteral("formula_guard")] = guard;
    extra[QStringLiteral("formula_guard_note")] =
        guard ? QStringLiteral("text that a spreadsheet would run as a formula starts with '")
              : QStringLiteral("raw file: values are exact, no formula guard");
    const QString manifest = prefix + QStringLiteral("_manifest.json");
    if (Status s =
            writeManifest(files, manifest, study, context.actor, now, QStringLiteral("redcap"), options, result, extra);
        !s)
        return s;
    if (Status s = files.commitAll(); !s)
        return s;
    if (Status s = auditExport(context.db, context.clock, context.actor, QStringLiteral("redcap"), options, result);
        !s) {
        // An export that cannot be audited must not stay behind.
        for (const ExportedFile &f : std::as_const(result.files))
            QFile::remove(QDir(directory).filePath(f.fileName));
        return s;
    }
    return result;
}

} // namespace cellcrf::exchange
