#include "casebook.h"

#include "annotatedcrf.h"
#include "pdfdocument.h"

#include "audit/audittrail.h"

#include <QCoreApplication>

#include <algorithm>

namespace cellcrf::pdf {

namespace {

// lupdate files the tr() calls of this namespace under "cellcrf::pdf".
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cellcrf::pdf", text, nullptr, n);
}

QString formKeyText(const QString &subjectKey, const QString &eventOid, int eventRepeat, const QString &formOid,
                    int formRepeat)
{
    return QStringLiteral("%1|%2|%3|%4|%5").arg(subjectKey, eventOid).arg(eventRepeat).arg(formOid).arg(formRepeat);
}

bool isDataAction(const QString &action)
{
    return action == QLatin1String(audit::action::ItemValue) ||
           action == QLatin1String(audit::action::ItemMissingReason) ||
           action == QLatin1String(audit::action::SoftLimitConfirmed) ||
           action == QLatin1String(audit::action::FormStatus);
}

// "2026-11-21 08:00 UTC" from a stored ISO 8601 UTC time.
QString timeText(const QString &utc)
{
    if (utc.isEmpty())
        return QStringLiteral("\u2013");
    const QDateTime t = QDateTime::fromString(utc, Qt::ISODateWithMs);
    if (!t.isValid())
        return utc;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString mono(const QString &text)
{
    return QStringLiteral("<span class=\"mono\">%1</span>").arg(html(text));
}

QString subjectStatusText(const QString &status)
{
    using namespace records::subjectstatus;
    if (status == QLatin1String(Screening))
        return tr("Screening");
    if (status == QLatin1String(ScreenFailed))
        return tr("Screen failed");
    if (status == QLatin1String(OnStudy))
        return tr("On study");
    if (status == QLatin1String(Randomized))
        return tr("Randomized");
    if (status == QLatin1String(Completed))
        return tr("Completed");
    if (status == QLatin1String(Withdrawn))
        return tr("Withdrawn");
    if (status == QLatin1String(Died))
        return tr("Died");
    return status;
}

QString formStatusText(const QString &status)
{
    using namespace records::formstatus;
    if (status == QLatin1String(NotStarted))
        return tr("Not started");
    if (status == QLatin1String(Incomplete))
        return tr("Incomplete");
    if (status == QLatin1String(Complete))
        return tr("Complete");
    if (status == QLatin1String(Verified))
        return tr("Verified");
    if (status == QLatin1String(Signed))
        return tr("Signed");
    if (status == QLatin1String(Locked))
        return tr("Locked");
    return status;
}

QString meaningText(const QString &meaning)
{
    if (meaning == QLatin1String("authored"))
        return tr("Authored: I entered or am responsible for this data");
    if (meaning == QLatin1String("reviewed"))
        return tr("Reviewed: I reviewed this data");
    if (meaning == QLatin1String("approved"))
        return tr("Approved: I approve this data");
    return meaning;
}

QString missingText(const QString &code)
{
    if (code == QLatin1String("ND"))
        return tr("ND (not done)");
    if (code == QLatin1String("UNK"))
        return tr("UNK (unknown)");
    if (code == QLatin1String("NA"))
        return tr("NA (not applicable)");
    return code;
}

QString visitName(const study::Study &study, const QString &eventOid, int repeat, const QString &locale)
{
    const study::Event *e = study.event(eventOid);
    QString name = e ? e->name.text(locale) : eventOid;
    if (repeat > 1 || (e && e->repeating))
        name = tr("%1 #%2").arg(name).arg(repeat);
    return name;
}

QString formName(const study::Study &study, const QString &formOid, int repeat, const QString &locale)
{
    const study::Form *f = study.form(formOid);
    QString name = f ? f->name.text(locale) : formOid;
    if (repeat > 1 || (f && f->repeating))
        name = tr("%1 #%2").arg(name).arg(repeat);
    return name;
}

QString signerText(const QString &userName, const QString &fullName)
{
    return fullName.isEmpty() ? html(userName) : QStringLiteral("%1 (%2)").arg(html(fullName), mono(userName));
}

QString table(const QStringList &widths, const QStringList &headers)
{
    QString out = QStringLiteral(
        "<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
        "width=\"100%\"><thead><tr>");
    for (int i = 0; i < headers.size(); ++i)
        out += QStringLiteral("<th width=\"%1\">%2</th>").arg(widths.value(i), html(headers.at(i)));
    return out + QStringLiteral("</tr></thead>");
}

// Where the casebook-level signatures are listed on the cover.
QString casebookSignaturesHtml(const Casebook &casebook)
{
    QString out = QStringLiteral("<h3>%1</h3>").arg(html(tr("Casebook signatures")));
    if (casebook.casebookSignatures.isEmpty())
        return out + QStringLiteral("<p class=\"note\">%1</p>")
                         .arg(html(tr("No signature has been given to the casebook as a whole.")));
    out += table({QStringLiteral("24%"), QStringLiteral("30%"), QStringLiteral("16%"), QStringLiteral("12%"),
                  QStringLiteral("18%")},
                 {tr("Signer"), tr("Meaning"), tr("Time"), tr("Forms"), tr("State")});
    for (const CasebookSignature &s : casebook.casebookSignatures)
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                   .arg(signerText(s.signer, s.signerFullName), html(meaningText(s.meaning)), html(timeText(s.utc)),
                        QString::number(s.formCount),
                        s.valid ? QStringLiteral("<span class=\"ok\">%1</span>").arg(html(tr("valid")))
                                : QStringLiteral("<span class=\"bad\">%1</span>").arg(html(tr("broken"))));
    out += QStringLiteral("</table>");
    return out + QStringLiteral("<p class=\"note\">%1</p>")
                     .arg(html(tr("A casebook signature covers the SHA-256 of every form holding data when it was "
                                  "given; any later change to a value breaks it.")));
}

QString coverPage(const study::Study &study, const Casebook &cb, const QString &locale, const QDateTime &generatedUtc)
{
    const records::Subject &s = cb.subject;
    QString out;
    out += QStringLiteral("<p style=\"margin-top: 60px;\" class=\"sub\">%1</p>")
               .arg(html(tr("Subject casebook \u2013 %1").arg(study.name.text(locale))));
    out += QStringLiteral("<h1>%1</h1>").arg(html(s.key));
    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"5\" width=\"80%\" "
                          "style=\"margin-top: 16px;\">");
    const auto row = [&](const QString &label, const QString &value) {
        out += QStringLiteral("<tr><th width=\"38%\">%1</th><td>%2</td></tr>").arg(html(label), value);
    };
    const study::Site *site = study.site(s.siteOid);
    row(tr("Subject"), mono(s.key));
    row(tr("Site"), (site ? localizedHtml(site->name, locale) + QStringLiteral(" ") : QString()) + mono(s.siteOid));
    row(tr("Screening number"), html(s.screeningNumber));
    row(tr("Initials"), html(s.initials));
    if (s.armOid.isEmpty()) {
        row(tr("Arm"), html(tr("not assigned")));
    } else {
        const study::Arm *arm = study.arm(s.armOid);
        row(tr("Arm"), (arm ? localizedHtml(arm->name, locale) + QStringLiteral(" ") : QString()) + mono(s.armOid));
    }
    if (!s.randomizationNumber.isEmpty())
        row(tr("Randomization number"), html(s.randomizationNumber));
    row(tr("Status"), html(subjectStatusText(s.status)));
    row(tr("Registered"), html(timeText(s.createdUtc)));
    for (const study::Anchor &a : study.anchors) {
        const auto date = cb.anchorDates.constFind(a.oid);
        row(tr("%1 date").arg(a.name.text(locale)),
            date == cb.anchorDates.cend()
                ? QStringLiteral("<span class=\"note\">%1</span>").arg(html(tr("not entered")))
                : html(date->toString(Qt::ISODate)));
    }
    int valid = 0;
    int broken = 0;
    int open = 0;
    int closed = 0;
    for (const CasebookForm &f : cb.forms) {
        for (const records::Signature &sig : f.signatures)
            ++(sig.valid ? valid : broken);
        for (const records::DataQuery &q : f.queries)
            ++(q.isOpen() ? open : closed);
    }
    row(tr("Forms"), QString::number(cb.forms.size()));
    row(tr("Form signatures"), html(tr("%1 valid, %2 broken").arg(valid).arg(broken)));
    row(tr("Queries"), html(tr("%1 open, %2 closed").arg(open).arg(closed)));
    row(tr("Study"), html(study.protocolId) + QStringLiteral(" ") + mono(study.oid));
    row(tr("Definition version"), mono(study.version));
    row(tr("Generated"), html(generatedUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
    out += QStringLiteral("</table>");
    out += casebookSignaturesHtml(cb);
    return out;
}

QString contents(const study::Study &study, const Casebook &cb, const QString &locale, const QHash<QString, int> &pages)
{
    QString out = QStringLiteral("<h2 style=\"page-break-before: always;\">%1</h2>").arg(html(tr("Contents")));
    if (cb.forms.isEmpty())
        return out + QStringLiteral("<p>%1</p>").arg(html(tr("No form of this subject has been started.")));
    out += table({QStringLiteral("30%"), QStringLiteral("40%"), QStringLiteral("20%"), QStringLiteral("10%")},
                 {tr("Visit"), tr("Form"), tr("Status"), tr("Page")});
    for (int i = 0; i < cb.forms.size(); ++i) {
        const records::FormData &f = cb.forms.at(i).form;
        const int page = pages.value(casebookFormAnchor(i));
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td></tr>")
                   .arg(html(visitName(study, f.key.eventOid, f.key.eventRepeat, locale)),
                        html(formName(study, f.key.formOid, f.key.formRepeat, locale)), html(formStatusText(f.status)),
                        page > 0 ? QString::number(page) : QStringLiteral("000"));
    }
    return out + QStringLiteral("</table>");
}

QString auditHtml(const FormAuditSummary &a)
{
    QString out;
    out += tr("Created by %1 at %2.").arg(mono(a.createdBy), html(timeText(a.createdUtc)));
    out +=
        QStringLiteral(" ") +
        tr("Values or status last changed by %1 at %2.").arg(mono(a.lastChangedBy), html(timeText(a.lastChangedUtc)));
    out += QStringLiteral("<br>") +
           html(tr("%1 audit event(s) on the data, %2 change(s) to entered values.").arg(a.dataEvents).arg(a.changes));
    if (!a.reasons.isEmpty()) {
        QStringList reasons;
        for (const QString &r : a.reasons)
            reasons << QStringLiteral("\u201c%1\u201d").arg(html(r));
        out += QStringLiteral("<br>") + html(tr("Reasons for change:")) + QStringLiteral(" ") +
               reasons.join(QStringLiteral("; "));
    }
    return out;
}

QString verificationHtml(const study::Form *def, const CasebookForm &f)
{
    int withData = 0;
    for (auto it = f.form.values.cbegin(); it != f.form.values.cend(); ++it)
        if (!it->value.isEmpty() || !it->missingReason.isEmpty())
            if (!def || def->item(it.key()))
                ++withData;
    if (f.verified.isEmpty())
        return html(tr("Not verified (%n item(s) hold data).", withData));
    QString last;
    QString by;
    for (const records::VerificationMark &m : f.verified)
        if (m.utc >= last) {
            last = m.utc;
            by = m.verifiedBy;
        }
    return tr("%1 of %2 items verified, last by %3 at %4.")
        .arg(f.verified.size())
        .arg(withData)
        .arg(mono(by), html(timeText(last)));
}

QString queriesHtml(const study::Form *def, const CasebookForm &f, const QString &locale)
{
    int open = 0;
    for (const records::DataQuery &q : f.queries)
        open += q.isOpen() ? 1 : 0;
    QString out = html(tr("%1 open, %2 closed.").arg(open).arg(f.queries.size() - open));
    for (const records::DataQuery &q : f.queries) {
        const study::Item *item = def ? def->item(q.itemOid) : nullptr;
        const QString question = q.messages.isEmpty() ? QString() : q.messages.first().text;
        const QString last = q.messages.size() > 1 ? q.messages.last().text : QString();
        out += QStringLiteral("<br>\u2022 %1 %2: %3")
                   .arg(html(item ? item->label.text(locale) : q.itemOid), mono(q.itemOid),
                        html(tr("%1, opened by %2 at %3: \u201c%4\u201d")
                                 .arg(q.isOpen() ? tr("open") : tr("closed"), q.openedBy, timeText(q.openedUtc),
                                      question)));
        if (!last.isEmpty())
            out += html(tr(" \u2013 last: \u201c%1\u201d").arg(last));
    }
    return out;
}

QString signaturesHtml(const CasebookForm &f)
{
    if (f.signatures.isEmpty())
        return QStringLiteral("<p class=\"note\">%1</p>").arg(html(tr("This form has not been signed.")));
    QString out = table({QStringLiteral("28%"), QStringLiteral("34%"), QStringLiteral("16%"), QStringLiteral("22%")},
                        {tr("Signer"), tr("Meaning"), tr("Time"), tr("State")});
    for (const records::Signature &s : f.signatures)
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                   .arg(signerText(s.signer, s.signerFullName), html(meaningText(s.meaning)), html(timeText(s.utc)),
                        s.valid ? QStringLiteral("<span class=\"ok\">%1</span>").arg(html(tr("valid")))
                                : QStringLiteral("<span class=\"bad\">%1</span>")
                                      .arg(html(tr("broken (changed after signing)"))));
    return out + QStringLiteral("</table>");
}

QString formHtml(const study::Study &study, const CasebookForm &f, int index, const QString &locale)
{
    const records::FormData &form = f.form;
    const study::Form *def = study.form(form.key.formOid);
    QString out;
    out += QStringLiteral("<h2 style=\"page-break-before: always;\"><a name=\"%1\">%2</a></h2>")
               .arg(casebookFormAnchor(index), html(formName(study, form.key.formOid, form.key.formRepeat, locale)));
    out += QStringLiteral("<p><b>%1</b> %2 \u00b7 <b>%3</b> %4</p>")
               .arg(html(tr("Visit:")), html(visitName(study, form.key.eventOid, form.key.eventRepeat, locale)),
                    html(tr("Status:")), html(formStatusText(form.status)));
    out += QStringLiteral("<p class=\"ann\">%1</p>")
               .arg(tr("Form %1 at visit %2 \u00b7 version %3 \u00b7 last saved by %4 at %5 \u00b7 definition %6")
                        .arg(mono(form.key.formOid), mono(form.key.eventOid))
                        .arg(form.version)
                        .arg(mono(form.updatedBy), html(timeText(form.updatedUtc)), mono(form.definitionVersion)));

    QSet<QString> verified;
    for (const records::VerificationMark &m : f.verified)
        verified.insert(m.itemOid);
    QHash<QString, int> openQueries;
    for (const records::DataQuery &q : f.queries)
        if (q.isOpen())
            ++openQueries[q.itemOid];

    out += table({QStringLiteral("44%"), QStringLiteral("36%"), QStringLiteral("20%")},
                 {tr("Question"), tr("Value"), tr("Notes")});
    if (def) {
        for (int s = 0; s < def->sections.size(); ++s) {
            bool any = false;
            for (const study::Item &item : def->items)
                any = any || item.section == s;
            if (!any)
                continue;
            out += QStringLiteral("<tr><td class=\"section\" colspan=\"3\">%1</td></tr>")
                       .arg(html(def->sections.at(s).title.text(locale)));
            for (const study::Item &item : def->items) {
                if (item.section != s)
                    continue;
                const ItemEntry entry = form.values.value(item.oid);
                QString value = displayValue(study, item, entry, locale);
                if (value.isEmpty())
                    value = QStringLiteral("<span class=\"note\">%1</span>").arg(html(tr("blank")));
                else if (!entry.missingReason.isEmpty() && entry.value.isEmpty())
                    value = QStringLiteral("<span class=\"warn\">%1</span>").arg(html(value));
                else
                    value = html(value);
                QStringList notes;
                if (item.isComputed())
                    notes << QStringLiteral("<span class=\"tag\">%1</span>")
                                 .arg(html(item.type == study::ItemType::Derived ? tr("derived") : tr("calculated")));
                if (entry.softConfirmed)
                    notes << QStringLiteral("<span class=\"warn\">%1</span>")
                                 .arg(html(tr("outside soft limits, confirmed")));
                if (verified.contains(item.oid))
                    notes << QStringLiteral("<span class=\"ok\">%1</span>").arg(html(tr("\u2713 verified")));
                if (const int n = openQueries.value(item.oid); n > 0)
                    notes << QStringLiteral("<span class=\"bad\">%1</span>").arg(html(tr("%n open query(ies)", n)));
                // The item OID on the label's line: a one-line row never splits across pages.
                out +=
                    QStringLiteral("<tr><td>%1 <span class=\"ann\">%2</span></td><td>%3</td><td>%4</td></tr>")
                        .arg(html(item.label.text(locale)), html(item.oid), value, notes.join(QStringLiteral("<br>")));
            }
        }
    }
    out += QStringLiteral("</table>");

    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"4\" width=\"100%\" "
                          "style=\"margin-top: 8px;\">");
    const auto row = [&](const QString &label, const QString &value) {
        out += QStringLiteral("<tr><th width=\"22%\">%1</th><td>%2</td></tr>").arg(html(label), value);
    };
    row(tr("Audit history"), auditHtml(f.audit));
    row(tr("Source data verification"), verificationHtml(def, f));
    row(tr("Queries"), queriesHtml(def, f, locale));
    out += QStringLiteral("</table>");
    out += QStringLiteral("<h3>%1</h3>").arg(html(tr("Signatures")));
    out += signaturesHtml(f);
    return out;
}

} // namespace

// --- audit summaries -------------------------------------------------------

Result<AuditSummaries> AuditSummaries::read(const audit::AuditTrail &trail, const QSet<QString> &subjectKeys,
                                            const std::function<bool()> &cancelled)
{
    AuditSummaries out;
    out.m_subjects = subjectKeys;
    constexpr int PageSize = 5000;
    qint64 after = 0;
    for (;;) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, tr("The export was cancelled."));
        auto page = trail.events(after, PageSize);
        if (!page)
            return page.status();
        for (const audit::AuditEvent &e : std::as_const(*page))
            out.add(e);
        if (page->size() < PageSize)
            break;
        after = page->last().seq;
    }
    return out;
}

void AuditSummaries::add(const audit::AuditEvent &e)
{
    if (e.formOid.isEmpty() || !m_subjects.contains(e.subjectKey) || !isDataAction(e.action))
        return;
    FormAuditSummary &s = m_forms[formKeyText(e.subjectKey, e.eventOid, e.eventRepeat, e.formOid, e.formRepeat)];
    if (s.dataEvents == 0) {
        s.createdBy = e.userName;
        s.createdUtc = e.utc;
    }
    ++s.dataEvents;
    s.lastChangedBy = e.userName;
    s.lastChangedUtc = e.utc;
    const bool replaces = (e.action == QLatin1String(audit::action::ItemValue) ||
                           e.action == QLatin1String(audit::action::ItemMissingReason)) &&
                          e.oldValue.has_value() && !e.oldValue->isEmpty();
    if (replaces)
        ++s.changes;
    if (!e.reason.isEmpty() && !s.reasons.contains(e.reason))
        s.reasons << e.reason;
}

FormAuditSummary AuditSummaries::summary(const QString &subjectKey, const records::FormKey &key) const
{
    return m_forms.value(formKeyText(subjectKey, key.eventOid, key.eventRepeat, key.formOid, key.formRepeat));
}

// --- reading ---------------------------------------------------------------

Result<QList<CasebookSignature>> readCasebookSignatures(const CasebookSources &sources, const Actor &actor,
                                                        const records::Subject &subject)
{
    return sources.signatures.casebookSignatures(actor, subject.id);
}

Result<Casebook> readCasebook(const CasebookSources &sources, const Actor &actor, qint64 subjectId,
                              const AuditSummaries &audit)
{
    const study::Study &study = sources.data.study();
    Result<records::Subject> subject = sources.data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    Casebook cb;
    cb.subject = *subject;
    for (const study::Anchor &a : study.anchors)
        if (const std::optional<QDate> d = sources.data.anchorDate(subjectId, a.oid))
            cb.anchorDates.insert(a.oid, *d);

    Result<QList<records::FormData>> forms = sources.data.formsOfSubject(actor, subjectId, true);
    if (!forms)
        return forms.status();
    records::QueryFilter filter;
    filter.subjectId = subjectId;
    filter.includeClosed = true;
    Result<QList<records::DataQuery>> queries = sources.queries.list(actor, filter);
    if (!queries)
        return queries.status();

    // Schedule order: the study's events, then the forms as the event lists them.
    QHash<QString, int> eventOrder;
    for (int i = 0; i < study.events.size(); ++i)
        eventOrder.insert(study.events.at(i).oid, i);
    const auto formOrder = [&](const records::FormKey &k) -> int {
        const study::Event *e = study.event(k.eventOid);
        const qsizetype inEvent = e ? e->forms.indexOf(k.formOid) : -1;
        if (inEvent >= 0)
            return int(inEvent);
        for (int i = 0; i < study.forms.size(); ++i)
            if (study.forms.at(i).oid == k.formOid)
                return 1000 + i;
        return 10000;
    };
    QList<records::FormData> started;
    for (const records::FormData &f : std::as_const(*forms))
        if (f.instanceId != 0 && f.status != QLatin1String(records::formstatus::NotStarted))
            started << f;
    std::stable_sort(started.begin(), started.end(), [&](const records::FormData &a, const records::FormData &b) {
        const auto ka =
            std::tuple(eventOrder.value(a.key.eventOid, 10000), a.key.eventRepeat, formOrder(a.key), a.key.formRepeat);
        const auto kb =
            std::tuple(eventOrder.value(b.key.eventOid, 10000), b.key.eventRepeat, formOrder(b.key), b.key.formRepeat);
        return ka < kb;
    });

    for (const records::FormData &f : std::as_const(started)) {
        CasebookForm cf;
        cf.form = f;
        cf.audit = audit.summary(cb.subject.key, f.key);
        auto signatures = sources.signatures.signatures(actor, f.key);
        if (!signatures)
            return signatures.status();
        cf.signatures = *signatures;
        auto marks = sources.verification.marks(actor, f.key);
        if (!marks)
            return marks.status();
        cf.verified = *marks;
        for (const records::DataQuery &q : std::as_const(*queries))
            if (q.key.eventOid == f.key.eventOid && q.key.eventRepeat == f.key.eventRepeat &&
                q.key.formOid == f.key.formOid && q.key.formRepeat == f.key.formRepeat)
                cf.queries << q;
        cb.forms << cf;
    }
    auto signatures = readCasebookSignatures(sources, actor, cb.subject);
    if (!signatures)
        return signatures.status();
    cb.casebookSignatures = *signatures;
    return cb;
}

// --- printing --------------------------------------------------------------

QString casebookFormAnchor(int index)
{
    return QStringLiteral("casebook-form-%1").arg(index);
}

QString displayValue(const study::Study &study, const study::Item &item, const ItemEntry &entry, const QString &locale)
{
    if (entry.value.isEmpty())
        return entry.missingReason.isEmpty() ? QString() : missingText(entry.missingReason);
    using study::ItemType;
    switch (item.type) {
    case ItemType::SingleChoice:
    case ItemType::MultipleChoice: {
        const study::CodeList *list = study.codeList(item.codeListOid);
        QStringList parts;
        for (const QString &code : entry.value.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            const QString label = list ? list->label(code, locale) : QString();
            parts << (label.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(label, code));
        }
        return parts.join(QStringLiteral("; "));
    }
    case ItemType::YesNo:
        if (entry.value == QLatin1String("1"))
            return tr("Yes (1)");
        if (entry.value == QLatin1String("0"))
            return tr("No (0)");
        return entry.value;
    default:
        return item.unit.isEmpty() ? entry.value : QStringLiteral("%1 %2").arg(entry.value, item.unit);
    }
}

QString casebookHtml(const study::Study &study, const Casebook &casebook, const QString &locale,
                     const QDateTime &generatedUtc, const QHash<QString, int> &pages)
{
    QString out = QStringLiteral("<html><body>");
    out += coverPage(study, casebook, locale, generatedUtc);
    out += contents(study, casebook, locale, pages);
    for (int i = 0; i < casebook.forms.size(); ++i)
        out += formHtml(study, casebook.forms.at(i), i, locale);
    return out + QStringLiteral("</body></html>");
}

} // namespace cellcrf::pdf
