#pragma once

// The record-level actions a form view offers beside data entry (source data
// verification, signing, locking, queries) and the eligibility assessment, as
// thin calls into model/records so that every check stays in the
// model.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"
#include "records/queries.h"
#include "records/sourceverification.h"
#include "records/subjecteligibility.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace cellcrf {
class Clock;
namespace auth {
class AuthService;
}
namespace records {
class DataLocks;
class Signatures;
} // namespace records
} // namespace cellcrf

namespace cellcrf::forms {

class RecordActions
{
    Q_DISABLE_COPY_MOVE(RecordActions)

public:
    RecordActions(records::ClinicalData &data, auth::AuthService &auth, const Clock &clock);
    ~RecordActions();

    Status verifyForm(const Actor &actor, const records::FormKey &key);
    Status verifyItems(const Actor &actor, const records::FormKey &key, const QStringList &itemOids);
    // The source-verification marks of a form, per item oid.
    QHash<QString, records::VerificationMark> verificationMarks(const Actor &actor, const records::FormKey &key) const;
    // meaning: "authored", "reviewed" or "approved".
    Status signForm(const Actor &actor, const records::FormKey &key, const QString &meaning, const QString &password,
                    int version);
    Status lockForm(const Actor &actor, const records::FormKey &key);
    Status unlockForm(const Actor &actor, const records::FormKey &key, const QString &reason);
    Status openQuery(const Actor &actor, const records::FormKey &key, const QString &itemOid, const QString &text);
    Status answerQuery(const Actor &actor, qint64 queryId, const QString &text);
    Status closeQuery(const Actor &actor, qint64 queryId, const QString &text);
    Status reopenQuery(const Actor &actor, qint64 queryId, const QString &text);
    // Whether the actor may close or re-open this query, with the reason when not.
    Status mayCloseQuery(const Actor &actor, const records::DataQuery &query) const;
    // Every query on one item of a form, open and closed, oldest first.
    QList<records::DataQuery> queriesOfItem(const Actor &actor, const records::FormKey &key,
                                            const QString &itemOid) const;
    // The screening criteria, decision and signature of one subject.
    Result<records::SubjectEligibility> eligibility(const Actor &actor, qint64 subjectId);
    // Open (not closed) queries per subject id, for the subject list.
    QHash<qint64, int> openQueriesBySubject(const Actor &actor) const;
    // Subject id -> the events that have an open query.
    QHash<qint64, QSet<QString>> openQueryEvents(const Actor &actor) const;
    // Open queries of one form, per item.
    QHash<QString, int> openQueriesByItem(const Actor &actor, const records::FormKey &key) const;

private:
    records::ClinicalData &m_data;
    const Clock &m_clock;
    std::unique_ptr<records::DataLocks> m_locks;
    std::unique_ptr<records::Queries> m_queries;
    std::unique_ptr<records::Signatures> m_signatures;
    std::unique_ptr<records::SourceVerification> m_sdv;
};

} // namespace cellcrf::forms
