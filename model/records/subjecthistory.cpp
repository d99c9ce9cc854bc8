#include "records/subjecthistory.h"

#include "records/clinicaldata.h"

#include <QCoreApplication>

namespace cellcrf::records {

using clinical::DailyAssessment;
using clinical::DeathCause;
using clinical::EndpointAssessment;
using clinical::MrdStatus;
using clinical::RandomizationEligibility;
using clinical::ResponseAssessment;
using clinical::ResponseCategory;
using clinical::SubjectHistory;

namespace {

QDate dateOf(const FormData &form, const QString &item)
{
    const QString v = form.values.value(item).value;
    return v.size() >= 10 ? QDate::fromString(v.left(10), Qt::ISODate) : QDate();
}

QString valueOf(const FormData &form, const QString &item)
{
    return form.values.value(item).value;
}

ResponseCategory categoryFromCode(const QString &code)
{
    if (code == QLatin1String("CR"))
        return ResponseCategory::CompleteRemission;
    if (code == QLatin1String("CRi"))
        return ResponseCategory::CompleteRemissionIncompleteRecovery;
    if (code == QLatin1String("MLFS"))
        return ResponseCategory::MorphologicLeukemiaFree;
    if (code == QLatin1String("relapse"))
        return ResponseCategory::Relapse;
    if (code == QLatin1String("PR") || code == QLatin1String("NR"))
        return ResponseCategory::NoResponse;
    return ResponseCategory::NotEvaluable;
}

void keepEarliest(std::optional<QDate> &slot, const QDate &d)
{
    if (d.isValid() && (!slot || d < *slot))
        slot = d;
}

void keepLatest(std::optional<QDate> &slot, const QDate &d)
{
    if (d.isValid() && (!slot || d > *slot))
        slot = d;
}

} // namespace

Result<SubjectHistory> readSubjectHistory(const ClinicalData &data, const Actor &actor, qint64 subjectId)
{
    auto forms = data.formsOfSubject(actor, subjectId, true);
    if (!forms)
        return forms.status();
    SubjectHistory h;
    if (auto d = data.anchorDate(subjectId, QStringLiteral("infusion")))
        h.infusionDate = *d;
    if (auto d = data.anchorDate(subjectId, QStringLiteral("randomization")))
        h.randomizationDate = *d;
    for (const FormData &f : *forms) {
        const QString form = f.key.formOid;
        if (form == QLatin1String("response")) {
            const QDate d = dateOf(f, QStringLiteral("resp_dtc"));
            if (!d.isValid())
                continue;
            EndpointAssessment a;
            a.date = d;
            a.category = categoryFromCode(valueOf(f, QStringLiteral("resp_cat")));
            const QString mrd = valueOf(f, QStringLiteral("mrd_result"));
            if (mrd == QLatin1String("NEG") || mrd == QLatin1String("POS"))
                a.mrdNegative = mrd == QLatin1String("NEG");
            h.assessments.append(a);
            keepLatest(h.lastContactDate, d);
        } else if (form == QLatin1String("survival")) {
            keepLatest(h.lastContactDate, dateOf(f, QStringLiteral("last_contact_dtc")));
            if (valueOf(f, QStringLiteral("relapse")) == QLatin1String("1"))
                keepEarliest(h.relapseDate, dateOf(f, QStringLiteral("relapse_dtc")));
            if (valueOf(f, QStringLiteral("mrd_conversion")) == QLatin1String("1")) {
                // MRD conversion is an EFS event in S1904: an MRD-positive assessment on that date.
                const QDate d = dateOf(f, QStringLiteral("mrd_conv_dtc"));
                if (d.isValid()) {
                    EndpointAssessment a;
                    a.date = d;
                    a.category = ResponseCategory::NotEvaluable;
                    a.mrdNegative = false;
                    h.assessments.append(a);
                }
            }
            const QDate death = dateOf(f, QStringLiteral("death_dtc"));
            if (valueOf(f, QStringLiteral("surv_status")) == QLatin1String("dead") && death.isValid()) {
                h.deathDate = death;
                h.deathCause = valueOf(f, QStringLiteral("death_cause")) == QLatin1String("relapse")
                                   ? DeathCause::Relapse
                                   : DeathCause::NonRelapse;
            }
        }
    }
    std::sort(h.assessments.begin(), h.assessments.end(),
              [](const EndpointAssessment &a, const EndpointAssessment &b) { return a.date < b.date; });
    return h;
}

Result<RandomizationEligibility> randomizationEligibilityOf(const ClinicalData &data, const Actor &actor,
                                                            qint64 subjectId)
{
    auto history = readSubjectHistory(data, actor, subjectId);
    if (!history)
        return history.status();
    if (!history->infusionDate.isValid()) {
        RandomizationEligibility notYet;
        notYet.reasons.append(QCoreApplication::translate("cellcrf::records", "No infusion date recorded yet"));
        return notYet;
    }
    QList<ResponseAssessment> assessments;
    for (const EndpointAssessment &a : history->assessments) {
        if (a.category == ResponseCategory::NotEvaluable && !a.mrdNegative)
            continue;
        ResponseAssessment r;
        r.date = a.date;
        r.category = a.category;
        r.mrd = !a.mrdNegative ? MrdStatus::NotEvaluable : (*a.mrdNegative ? MrdStatus::Negative : MrdStatus::Positive);
        assessments.append(r);
    }
    return clinical::s1904RandomizationEligibility(history->infusionDate, assessments);
}

Result<QList<DailyAssessment>> readDailyAssessments(const ClinicalData &data, const Actor &actor, qint64 subjectId)
{
    auto forms = data.formsOfSubject(actor, subjectId, true);
    if (!forms)
        return forms.status();
    auto grade = [](const FormData &f, const QString &prefix) -> std::optional<int> {
        const bool overridden = valueOf(f, prefix + QStringLiteral("_grade_confirmed")) == QLatin1String("0");
        const QString text = overridden ? valueOf(f, prefix + QStringLiteral("_grade_override"))
                                        : valueOf(f, prefix + QStringLiteral("_grade"));
        bool ok = false;
        const int g = text.toInt(&ok);
        return ok ? std::optional<int>(g) : std::nullopt;
    };
    QList<DailyAssessment> days;
    for (const FormData &f : *forms) {
        if (f.key.formOid != QLatin1String("crs_icans"))
            continue;
        DailyAssessment a;
        a.date = dateOf(f, QStringLiteral("assess_dtc"));
        if (!a.date.isValid())
            continue;
        a.crsGrade = grade(f, QStringLiteral("crs"));
        a.icansGrade = grade(f, QStringLiteral("icans"));
        a.tocilizumab = valueOf(f, QStringLiteral("toci_given")) == QLatin1String("1");
        a.corticosteroids = valueOf(f, QStringLiteral("steroid_given")) == QLatin1String("1");
        a.icuTransfer = valueOf(f, QStringLiteral("icu_transfer")) == QLatin1String("1");
        days.append(a);
    }
    std::sort(days.begin(), days.end(),
              [](const DailyAssessment &a, const DailyAssessment &b) { return a.date < b.date; });
    return days;
}

} // namespace cellcrf::records
