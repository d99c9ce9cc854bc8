#include "clinical/subjecthistory.h"

#include "exchange/csvwriter.h"
#include "store/clinicaldata.h"

#include <QCoreApplication>

namespace cellcrf::clinical {

namespace {

QDate dateOf(const store::FormData &form, const QString &item)
{
    const QString v = form.values.value(item).value;
    return v.size() >= 10 ? QDate::fromString(v.left(10), Qt::ISODate) : QDate();
}

QString valueOf(const store::FormData &form, const QString &item)
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

QString statusCode(EndpointStatus s)
{
    switch (s) {
    case EndpointStatus::Event:
        return QStringLiteral("1");
    case EndpointStatus::Censored:
        return QStringLiteral("0");
    case EndpointStatus::Competing:
        return QStringLiteral("2");
    }
    return {};
}

QString landmarkCode(LandmarkStatus s)
{
    switch (s) {
    case LandmarkStatus::Free:
        return QStringLiteral("free");
    case LandmarkStatus::Event:
        return QStringLiteral("event");
    case LandmarkStatus::NotEvaluable:
        return QStringLiteral("not_evaluable");
    }
    return {};
}

QStringList outcomeColumns(const EndpointOutcome &o)
{
    return {o.date.toString(Qt::ISODate), statusCode(o.status), QString::number(o.days),
            exchange::CsvWriter::quote(o.reason)};
}

} // namespace

Result<SubjectHistory> readSubjectHistory(const store::ClinicalData &data, const Actor &actor, qint64 subjectId)
{
    auto forms = data.formsOfSubject(actor, subjectId, true);
    if (!forms)
        return forms.status();
    SubjectHistory h;
    if (auto d = data.anchorDate(subjectId, QStringLiteral("infusion")))
        h.infusionDate = *d;
    if (auto d = data.anchorDate(subjectId, QStringLiteral("randomization")))
        h.randomizationDate = *d;
    for (const store::FormData &f : *forms) {
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

Result<int> writeEndpointsCsv(const store::ClinicalData &data, const Actor &actor, QTextStream &out,
                              const std::function<void(int, int)> &progress, const std::function<bool()> &cancelled)
{
    const bool s1904 = data.study().oid == QLatin1String("s1904");
    auto subjects = data.subjects(actor);
    if (!subjects)
        return subjects.status();
    if (s1904) {
        out << "record_id,site,arm,randomization_number,randomization_date,"
               "efs_date,efs_status,efs_days,efs_reason,rfs_date,rfs_status,rfs_days,rfs_reason,"
               "cir_date,cir_status,cir_days,cir_reason,os_date,os_status,os_days,os_reason\n";
    } else {
        out << "record_id,site,infusion_date,best_response_d28,overall_remission,efs_1m,efs_1m_reason,efs_3m,"
               "efs_3m_reason,os_1m,os_1m_reason,os_3m,os_3m_reason\n";
    }
    int rows = 0;
    int done = 0;
    for (const store::Subject &subject : *subjects) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        if (progress)
            progress(++done, int(subjects->size()));
        if (s1904 && subject.armOid.isEmpty())
            continue;
        auto history = readSubjectHistory(data, actor, subject.id);
        if (!history)
            return history.status();
        if (!history->infusionDate.isValid())
            continue;
        QStringList cells{subject.key, subject.siteOid};
        if (s1904) {
            auto e = s1904Endpoints(*history);
            if (!e)
                return Status::error(e.status().code(), QStringLiteral("%1: %2").arg(subject.key, e.message()));
            cells << subject.armOid << subject.randomizationNumber << history->randomizationDate.toString(Qt::ISODate);
            cells << outcomeColumns(e->efs) << outcomeColumns(e->rfs) << outcomeColumns(e->cumulativeIncidenceOfRelapse)
                  << outcomeColumns(e->os);
        } else {
            auto p = pediatricOutcomes(*history);
            if (!p)
                return Status::error(p.status().code(), QStringLiteral("%1: %2").arg(subject.key, p.message()));
            cells << history->infusionDate.toString(Qt::ISODate)
                  << (p->bestResponse ? responseCode(*p->bestResponse) : QString())
                  << (p->overallRemission ? QStringLiteral("1") : QStringLiteral("0"));
            for (const LandmarkOutcome *o : {&p->efs1Month, &p->efs3Months, &p->os1Month, &p->os3Months})
                cells << landmarkCode(o->status) << exchange::CsvWriter::quote(o->reason);
        }
        out << cells.join(QLatin1Char(',')) << '\n';
        ++rows;
    }
    out.flush();
    return rows;
}

Result<RandomizationEligibility> randomizationEligibilityOf(const store::ClinicalData &data, const Actor &actor,
                                                            qint64 subjectId)
{
    auto history = readSubjectHistory(data, actor, subjectId);
    if (!history)
        return history.status();
    if (!history->infusionDate.isValid()) {
        RandomizationEligibility notYet;
        notYet.reasons.append(QCoreApplication::translate("cellcrf::clinical", "No infusion date recorded yet"));
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
    return s1904RandomizationEligibility(history->infusionDate, assessments);
}

Result<QList<DailyAssessment>> readDailyAssessments(const store::ClinicalData &data, const Actor &actor,
                                                    qint64 subjectId)
{
    auto forms = data.formsOfSubject(actor, subjectId, true);
    if (!forms)
        return forms.status();
    auto grade = [](const store::FormData &f, const QString &prefix) -> std::optional<int> {
        const bool overridden = valueOf(f, prefix + QStringLiteral("_grade_confirmed")) == QLatin1String("0");
        const QString text = overridden ? valueOf(f, prefix + QStringLiteral("_grade_override"))
                                        : valueOf(f, prefix + QStringLiteral("_grade"));
        bool ok = false;
        const int g = text.toInt(&ok);
        return ok ? std::optional<int>(g) : std::nullopt;
    };
    QList<DailyAssessment> days;
    for (const store::FormData &f : *forms) {
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

Result<int> writeEpisodesCsv(const store::ClinicalData &data, const Actor &actor, QTextStream &out,
                             const std::function<void(int, int)> &progress)
{
    auto subjects = data.subjects(actor);
    if (!subjects)
        return subjects.status();
    out << "record_id,site,toxicity,episode,onset_date,max_grade,max_grade_date,resolution_date,duration_days,"
           "tocilizumab,corticosteroids,icu_transfer\n";
    int rows = 0;
    int done = 0;
    auto yes = [](bool b) { return b ? QStringLiteral("1") : QStringLiteral("0"); };
    for (const store::Subject &subject : *subjects) {
        if (progress)
            progress(++done, int(subjects->size()));
        auto days = readDailyAssessments(data, actor, subject.id);
        if (!days)
            return days.status();
        for (Toxicity toxicity : {Toxicity::Crs, Toxicity::Icans}) {
            int number = 0;
            for (const ToxicityEpisode &e : deriveEpisodes(*days, toxicity)) {
                out << QStringList{subject.key,
                                   subject.siteOid,
                                   toxicity == Toxicity::Crs ? QStringLiteral("crs") : QStringLiteral("icans"),
                                   QString::number(++number),
                                   e.onsetDate.toString(Qt::ISODate),
                                   QString::number(e.maxGrade),
                                   e.maxGradeDate.toString(Qt::ISODate),
                                   e.resolutionDate ? e.resolutionDate->toString(Qt::ISODate) : QString(),
                                   e.durationDays ? QString::number(*e.durationDays) : QString(),
                                   yes(e.tocilizumab),
                                   yes(e.corticosteroids),
                                   yes(e.icuTransfer)}
                           .join(QLatin1Char(','))
                    << '\n';
                ++rows;
            }
        }
    }
    out.flush();
    return rows;
}

} // namespace cellcrf::clinical
