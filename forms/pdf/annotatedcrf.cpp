#include "annotatedcrf.h"

#include "pdfdocument.h"

#include "clinical/derivation.h"

#include <QCoreApplication>

namespace cellcrf::pdf {

namespace {

// lupdate files the tr() calls of this namespace under "cellcrf::pdf".
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cellcrf::pdf", text, nullptr, n);
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

QString mono(const QString &text)
{
    return QStringLiteral("<span class=\"mono\">%1</span>").arg(html(text));
}

// A variable name in its box: the annotation a reviewer looks for first.
QString box(const QStringList &lines)
{
    QString cells;
    for (int i = 0; i < lines.size(); ++i)
        cells += (i == 0 ? QStringLiteral("<span class=\"var\">%1</span>")
                         : QStringLiteral("<br><span class=\"mono\">%1</span>"))
                     .arg(html(lines.at(i)));
    return QStringLiteral("<table class=\"box\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\"><tr><td>%1</td></tr>"
                          "</table>")
        .arg(cells);
}

QString typeText(const study::Item &item)
{
    using study::ItemType;
    switch (item.type) {
    case ItemType::Text:
        return item.maxLength > 0 ? tr("Text, at most %1 characters").arg(item.maxLength) : tr("Text");
    case ItemType::Integer:
        return tr("Integer");
    case ItemType::Decimal:
        return item.decimals >= 0 ? tr("Decimal, %1 decimal place(s)").arg(item.decimals) : tr("Decimal");
    case ItemType::Date:
        return item.allowPartialDate ? tr("Date YYYY-MM-DD (YYYY-MM or YYYY allowed)") : tr("Date YYYY-MM-DD");
    case ItemType::Time:
        return tr("Time HH:MM");
    case ItemType::DateTime:
        return tr("Date and time YYYY-MM-DDTHH:MM");
    case ItemType::SingleChoice:
        return tr("Single choice, code list %1").arg(item.codeListOid);
    case ItemType::MultipleChoice:
        return tr("Multiple choice (codes joined by |), code list %1").arg(item.codeListOid);
    case ItemType::YesNo:
        return tr("Yes/No (1 = yes, 0 = no)");
    case ItemType::Calculated:
        return tr("Calculated");
    case ItemType::Derived:
        return tr("Derived");
    }
    return study::itemTypeName(item.type);
}

QString missingMeaning(const QString &code)
{
    if (code == QLatin1String("ND"))
        return tr("not done");
    if (code == QLatin1String("UNK"))
        return tr("unknown");
    if (code == QLatin1String("NA"))
        return tr("not applicable");
    return code;
}

// The empty answer field as it appears on the form.
QString responseHtml(const study::Study &study, const study::Item &item, const QString &locale)
{
    using study::ItemType;
    QString out;
    const QString unit = item.unit.isEmpty() ? QString() : QStringLiteral(" ") + html(item.unit);
    switch (item.type) {
    case ItemType::Text:
        out = QStringLiteral("______________________");
        break;
    case ItemType::Integer:
    case ItemType::Decimal:
        out = QStringLiteral("__________") + unit;
        break;
    case ItemType::Date:
        out = mono(QStringLiteral("____-__-__")) + QStringLiteral(" <span class=\"note\">%1</span>").arg(tr("(Y-M-D)"));
        break;
    case ItemType::Time:
        out = mono(QStringLiteral("__:__"));
        break;
    case ItemType::DateTime:
        out = mono(QStringLiteral("____-__-__ __:__"));
        break;
    case ItemType::SingleChoice:
    case ItemType::MultipleChoice: {
        const QString mark = item.type == ItemType::SingleChoice ? QStringLiteral("\u25cb") : QStringLiteral("\u2610");
        QStringList lines;
        if (const study::CodeList *list = study.codeList(item.codeListOid)) {
            for (const study::CodeListItem &c : list->items)
                lines << QStringLiteral("%1 <span class=\"var\">%2</span> = %3")
                             .arg(mark, html(c.code), html(c.label.text(locale)));
        }
        out = lines.join(QStringLiteral("<br>"));
        break;
    }
    case ItemType::YesNo:
        out = QStringLiteral("\u25cb <span class=\"var\">1</span> = %1&nbsp;&nbsp;&nbsp;\u25cb <span "
                             "class=\"var\">0</span> = %2")
                  .arg(tr("Yes"), tr("No"));
        break;
    case ItemType::Calculated:
    case ItemType::Derived:
        out = QStringLiteral("<span class=\"note\">%1</span>").arg(tr("computed by the program, not entered")) + unit;
        break;
    }
    if (!item.missingCodes.isEmpty()) {
        QStringList codes;
        for (const QString &code : item.missingCodes)
            codes << QStringLiteral("\u2610 <span class=\"var\">%1</span> %2")
                         .arg(html(code), html(missingMeaning(code)));
        out += QStringLiteral("<br><span class=\"note\">%1</span> %2")
                   .arg(tr("or missing:"), codes.join(QStringLiteral("&nbsp;&nbsp;")));
    }
    return out;
}

QString rangeText(const study::Range &r)
{
    const auto limits = [](const std::optional<double> &lo, const std::optional<double> &hi) -> QString {
        if (lo && hi)
            return QStringLiteral("%1 \u2013 %2").arg(number(*lo), number(*hi));
        if (lo)
            return QStringLiteral("\u2265 %1").arg(number(*lo));
        if (hi)
            return QStringLiteral("\u2264 %1").arg(number(*hi));
        return {};
    };
    QStringList parts;
    if (const QString hard = limits(r.hardMin, r.hardMax); !hard.isEmpty())
        parts << tr("hard limits %1").arg(hard);
    if (const QString soft = limits(r.softMin, r.softMax); !soft.isEmpty())
        parts << tr("soft limits %1 (outside: confirmed)").arg(soft);
    return parts.join(QStringLiteral("; "));
}

QString derivationInputs(const study::Item &item)
{
    QStringList parts;
    for (auto it = item.derivationInputs.cbegin(); it != item.derivationInputs.cend(); ++it) {
        const study::DerivationInput &in = it.value();
        QString source;
        switch (in.kind) {
        case study::DerivationInput::Kind::Item:
            source = in.reference;
            break;
        case study::DerivationInput::Kind::Setting:
            source = tr("study setting %1").arg(in.reference);
            break;
        case study::DerivationInput::Kind::Constant:
            source = in.constant.isString() ? in.constant.toString() : number(in.constant.toDouble());
            break;
        }
        parts << QStringLiteral("%1 \u2190 %2").arg(it.key(), source);
    }
    return parts.join(QStringLiteral(", "));
}

QString annotationHtml(const study::Form &form, const study::Item &item)
{
    QStringList names;
    names << (item.cdashName.isEmpty() ? item.oid.toUpper() : item.cdashName);
    names << form.oid + QLatin1Char('.') + item.oid;
    QStringList lines;
    lines << box(names);
    QString type = html(typeText(item));
    if (!item.unit.isEmpty())
        type += QStringLiteral(" \u00b7 ") + tr("unit %1").arg(html(item.unit));
    // A computed item is never entered, so it is neither required nor optional.
    if (!item.isComputed())
        type += QStringLiteral(" \u00b7 ") +
                (item.required ? QStringLiteral("<b>%1</b>").arg(tr("required")) : tr("optional"));
    lines << type;
    if (const QString range = rangeText(item.range); !range.isEmpty())
        lines << html(range);
    if (!item.showIf.isEmpty())
        lines << tr("Shown only if %1").arg(mono(item.showIf));
    if (item.type == study::ItemType::Calculated)
        lines << tr("Calculated as %1").arg(mono(item.calculation));
    if (item.type == study::ItemType::Derived) {
        QString what = tr("Derived by %1, output %2").arg(mono(item.derivation), mono(item.derivationOutput));
        if (const clinical::DerivationInfo *info = clinical::findDerivation(item.derivation))
            what += QStringLiteral(" (%1)").arg(html(info->description));
        lines << what;
        if (const QString inputs = derivationInputs(item); !inputs.isEmpty())
            lines << tr("Inputs: %1").arg(mono(inputs));
    }
    if (item.identifier)
        lines << tr("Identifier: left out of de-identified exports");
    return QStringLiteral("<span class=\"ann\">%1</span>").arg(lines.join(QStringLiteral("<br>")));
}

QString visitText(const study::Study &study, const study::Event &event, const QString &locale)
{
    QString text =
        html(event.name.text(locale)) + QStringLiteral(" <span class=\"mono\">%1</span>").arg(html(event.oid));
    if (event.isScheduled()) {
        const study::Anchor *anchor = study.anchor(event.anchor);
        const QString anchorName = anchor ? anchor->name.text(locale) : event.anchor;
        QString window;
        if (event.windowBefore != 0 || event.windowAfter != 0)
            window = tr(", window \u2212%1/+%2 days").arg(event.windowBefore).arg(event.windowAfter);
        text += QStringLiteral(" \u2013 ") + html(tr("day %1 from %2%3").arg(*event.day).arg(anchorName, window));
    } else if (event.repeating) {
        text += QStringLiteral(" \u2013 ") + html(tr("unscheduled, repeating"));
    } else {
        text += QStringLiteral(" \u2013 ") + html(tr("when it happens"));
    }
    return text;
}

QStringList visitsOf(const study::Study &study, const QString &formOid)
{
    QStringList out;
    for (const study::Event &e : study.events)
        if (e.forms.contains(formOid))
            out << e.oid;
    return out;
}

QString pageOf(const QHash<QString, int> &pages, const QString &anchor)
{
    const int page = pages.value(anchor);
    // Three figures keep the line as wide as it will be once the number is known.
    return page > 0 ? QString::number(page) : QStringLiteral("000");
}

QString titlePage(const study::Study &study, const CrfOptions &options, const QList<const study::Form *> &forms,
                  const QDateTime &generatedUtc)
{
    int items = 0;
    for (const study::Form *f : forms)
        items += int(f->items.size());
    QString out;
    out += QStringLiteral("<p style=\"margin-top: 120px;\" class=\"sub\">%1</p>")
               .arg(html(tr("Annotated blank case report form")));
    out += QStringLiteral("<h1>%1</h1>").arg(localizedHtml(study.name, options.locale));
    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"5\" width=\"70%\" "
                          "style=\"margin-top: 24px;\">");
    const auto row = [&](const QString &label, const QString &value) {
        out += QStringLiteral("<tr><th width=\"35%\">%1</th><td>%2</td></tr>").arg(html(label), value);
    };
    row(tr("Protocol"), html(study.protocolId));
    row(tr("Study"), mono(study.oid));
    row(tr("Definition version"), mono(study.version));
    row(tr("Forms"), QString::number(forms.size()));
    row(tr("Items"), QString::number(items));
    row(tr("Visits"), QString::number(study.events.size()));
    row(tr("Generated"), html(generatedUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
    row(tr("Program"), html(QStringLiteral("CellCRF %1").arg(QStringLiteral(CELLCRF_VERSION))));
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h3 style=\"margin-top: 28px;\">%1</h3>").arg(html(tr("How to read the annotations")));
    out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr><td width=\"28%\">%1</td>"
                          "<td>%2</td></tr>")
               .arg(box({QStringLiteral("VARNAME"), QStringLiteral("form.item")}),
                    html(tr("The boxed name is the variable of the exports (CDASH-style); below it, the item OID "
                            "as form.item, which rules and derivations refer to.")));
    out += QStringLiteral("<tr><td><span class=\"ann\">%1</span></td><td>%2</td></tr>")
               .arg(html(tr("Blue text")),
                    html(tr("Annotations: data type, unit, required or optional, hard limits (a value outside cannot "
                            "be saved complete) and soft limits (a value outside must be confirmed), conditions and "
                            "computations. They are not printed on the forms the site fills in.")));
    out += QStringLiteral("<tr><td><span class=\"var\">1</span> = %1</td><td>%2</td></tr>")
               .arg(html(tr("Label")), html(tr("A coded answer: the stored code, then the label shown.")));
    out += QStringLiteral("<tr><td><span class=\"var\">ND</span> <span class=\"var\">UNK</span> "
                          "<span class=\"var\">NA</span></td><td>%1</td></tr>")
               .arg(html(tr("Reasons a value may be missing: not done, unknown, not applicable.")));
    out += QStringLiteral("</table>");
    return out;
}

QString contents(const study::Study &study, const CrfOptions &options, const QList<const study::Form *> &forms,
                 const QHash<QString, int> &pages)
{
    QString out = QStringLiteral("<h2 style=\"page-break-before: always;\">%1</h2>").arg(html(tr("Contents")));
    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"4\" width=\"100%\">"
                          "<thead><tr><th width=\"44%\">%1</th><th width=\"16%\">%2</th><th width=\"10%\">%3</th>"
                          "<th width=\"22%\">%4</th><th width=\"8%\">%5</th></tr></thead>")
               .arg(html(tr("Form")), html(tr("OID")), html(tr("Items")), html(tr("Visits")), html(tr("Page")));
    for (const study::Form *f : forms) {
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td>%4</td><td "
                              "align=\"right\">%5</td></tr>")
                   .arg(localizedHtml(f->name, options.locale), mono(f->oid), QString::number(f->items.size()),
                        QString::number(visitsOf(study, f->oid).size()), pageOf(pages, formAnchor(f->oid)));
    }
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h3>%1</h3>").arg(html(tr("Visit schedule")));
    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"4\" width=\"100%\">"
                          "<thead><tr><th width=\"55%\">%1</th><th width=\"45%\">%2</th></tr></thead>")
               .arg(html(tr("Visit")), html(tr("Forms")));
    for (const study::Event &e : study.events) {
        QStringList names;
        for (const QString &oid : e.forms)
            names << oid;
        out += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                   .arg(visitText(study, e, options.locale), mono(names.join(QStringLiteral(", "))));
    }
    out += QStringLiteral("</table>");
    return out;
}

QString formPages(const study::Study &study, const study::Form &form, const QString &locale)
{
    QString out;
    out += QStringLiteral("<h2 style=\"page-break-before: always;\"><a name=\"%1\">%2</a></h2>")
               .arg(formAnchor(form.oid), html(form.name.text(locale)));
    QStringList others;
    for (auto it = form.name.texts.cbegin(); it != form.name.texts.cend(); ++it)
        if (it.key() != locale && it.value() != form.name.text(locale))
            others << html(it.value());
    if (!others.isEmpty())
        out += QStringLiteral("<p class=\"zh\">%1</p>").arg(others.join(QStringLiteral(" / ")));
    QString facts = tr("Form %1").arg(QStringLiteral("<span class=\"var\">%1</span>").arg(html(form.oid)));
    facts += QStringLiteral(" \u00b7 ") + html(form.repeating ? tr("repeating") : tr("once per visit"));
    facts += QStringLiteral(" \u00b7 ") + tr("%n item(s)", int(form.items.size()));
    if (!form.file.isEmpty())
        facts += QStringLiteral(" \u00b7 ") + tr("definition %1").arg(mono(form.file));
    out += QStringLiteral("<p class=\"ann\">%1</p>").arg(facts);

    QStringList visits;
    for (const study::Event &e : study.events)
        if (e.forms.contains(form.oid))
            visits << visitText(study, e, locale);
    out += QStringLiteral("<p><b>%1</b> %2</p>")
               .arg(html(tr("Scheduled at:")),
                    visits.isEmpty() ? html(tr("no visit")) : visits.join(QStringLiteral("; ")));

    out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" cellspacing=\"0\" "
                          "cellpadding=\"4\" width=\"100%\" "
                          "style=\"margin-top: 6px;\"><thead><tr><th width=\"4%\">#</th><th width=\"33%\">%1</th>"
                          "<th width=\"29%\">%2</th><th width=\"34%\">%3</th></tr></thead>")
               .arg(html(tr("Question")), html(tr("Answer")), html(tr("Annotations")));
    int number = 0;
    for (int s = 0; s < form.sections.size(); ++s) {
        const study::Section &section = form.sections.at(s);
        bool any = false;
        for (const study::Item &item : form.items)
            any = any || item.section == s;
        if (!any)
            continue;
        out += QStringLiteral("<tr><td class=\"section\" colspan=\"4\">%1 <span class=\"ann\">%2</span></td></tr>")
                   .arg(localizedHtml(section.title, locale).replace(QStringLiteral("<br>"), QStringLiteral(" / ")),
                        html(section.oid));
        for (const study::Item &item : form.items) {
            if (item.section != s)
                continue;
            ++number;
            QString question = localizedHtml(item.label, locale);
            if (!item.help.isEmpty())
                question += QStringLiteral("<br><span class=\"note\">%1</span>").arg(html(item.help.text(locale)));
            out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                       .arg(QString::number(number), question, responseHtml(study, item, locale),
                            annotationHtml(form, item));
        }
    }
    out += QStringLiteral("</table>");

    if (!form.checks.isEmpty()) {
        out += QStringLiteral("<h3>%1</h3>").arg(html(tr("Edit checks")));
        out += QStringLiteral("<table class=\"grid\" style=\"border-collapse: collapse;\" border=\"1\" "
                              "cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"
                              "<thead><tr><th width=\"18%\">%1</th><th width=\"34%\">%2</th><th width=\"36%\">%3</th>"
                              "<th width=\"12%\">%4</th></tr></thead>")
                   .arg(html(tr("Check")), html(tr("Must hold")), html(tr("Message")), html(tr("Kind")));
        for (const study::EditCheck &c : form.checks) {
            out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                       .arg(mono(c.oid), mono(c.expression), localizedHtml(c.message, locale),
                            html(c.blocking ? tr("blocks completion") : tr("warning, confirmed")));
        }
        out += QStringLiteral("</table>");
    }
    return out;
}

} // namespace

QString formAnchor(const QString &formOid)
{
    return QStringLiteral("form-") + formOid;
}

QString localizedHtml(const study::LocalizedText &text, const QString &locale)
{
    const QString main = text.text(locale);
    QString out = html(main);
    for (auto it = text.texts.cbegin(); it != text.texts.cend(); ++it)
        if (it.key() != locale && !it.value().isEmpty() && it.value() != main)
            out += QStringLiteral("<br><span class=\"zh\">%1</span>").arg(html(it.value()));
    return out;
}

QString annotatedCrfHtml(const study::Study &study, const CrfOptions &options, const QDateTime &generatedUtc,
                         const QHash<QString, int> &pages)
{
    QList<const study::Form *> forms;
    for (const study::Form &f : study.forms)
        if (options.forms.isEmpty() || options.forms.contains(f.oid))
            forms << &f;
    QString out = QStringLiteral("<html><body>");
    out += titlePage(study, options, forms, generatedUtc);
    out += contents(study, options, forms, pages);
    for (const study::Form *f : std::as_const(forms))
        out += formPages(study, *f, options.locale);
    out += QStringLiteral("</body></html>");
    return out;
}

} // namespace cellcrf::pdf
