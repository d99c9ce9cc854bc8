#include "exchange/datasets.h"

#include "clinical/endpoints.h"
#include "clinical/episodes.h"
#include "exchange/csvwriter.h"
#include "records/clinicaldata.h"
#include "records/subjecthistory.h"

namespace cellcrf::exchange {

using clinical::deriveEpisodes;
using clinical::EndpointOutcome;
using clinical::EndpointStatus;
using clinical::LandmarkOutcome;
using clinical::LandmarkStatus;
using clinical::pediatricOutcomes;
using clinical::responseCode;
using clinical::s1904Endpoints;
using clinical::Toxicity;
using clinical::ToxicityEpisode;

namespace {

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
    return {o.date.toString(Qt::ISODate), statusCode(o.status), QString::number(o.days), CsvWriter::quote(o.reason)};
}

} // namespace

Result<int> writeEndpointsCsv(const records::ClinicalData &data, const Actor &actor, QTextStream &out,
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
    for (const records::Subject &subject : *subjects) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        if (progress)
            progress(++done, int(subjects->size()));
        if (s1904 && subject.armOid.isEmpty())
            continue;
        auto history = records::readSubjectHistory(data, actor, subject.id);
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
                cells << landmarkCode(o->status) << CsvWriter::quote(o->reason);
        }
        out << cells.join(QLatin1Char(',')) << '\n';
        ++rows;
    }
    out.flush();
    return rows;
}

Result<int> writeEpisodesCsv(const records::ClinicalData &data, const Actor &actor, QTextStream &out,
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
    for (const records::Subject &subject : *subjects) {
        if (progress)
            progress(++done, int(subjects->size()));
        auto days = records::readDailyAssessments(data, actor, subject.id);
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

} // namespace cellcrf::exchange
