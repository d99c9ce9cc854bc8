#include "recordactions.h"

#include "records/datalocks.h"
#include "records/queries.h"
#include "records/signatures.h"
#include "records/sourceverification.h"

namespace cellcrf::forms {

RecordActions::RecordActions(records::ClinicalData &data, auth::AuthService &auth, const Clock &clock)
    : m_data(data)
    , m_clock(clock)
    , m_locks(std::make_unique<records::DataLocks>(data, clock))
    , m_queries(std::make_unique<records::Queries>(data, clock))
    , m_signatures(std::make_unique<records::Signatures>(data, auth, clock))
    , m_sdv(std::make_unique<records::SourceVerification>(data, clock))
{}

RecordActions::~RecordActions() = default;

Status RecordActions::verifyForm(const Actor &actor, const records::FormKey &key)
{
    return m_sdv->verifyForm(actor, key);
}

Status RecordActions::verifyItems(const Actor &actor, const records::FormKey &key, const QStringList &itemOids)
{
    return m_sdv->verifyItems(actor, key, itemOids);
}

QHash<QString, records::VerificationMark> RecordActions::verificationMarks(const Actor &actor,
                                                                           const records::FormKey &key) const
{
    QHash<QString, records::VerificationMark> out;
    if (const auto marks = m_sdv->marks(actor, key))
        for (const auto &m : *marks)
            out.insert(m.itemOid, m);
    return out;
}

Status RecordActions::signForm(const Actor &actor, const records::FormKey &key, const QString &meaning,
                               const QString &password, int version)
{
    const auto parsed = records::parseMeaning(meaning);
    if (!parsed)
        return Status::error(ErrorCode::InvalidInput, meaning);
    return m_signatures->sign(actor, key, *parsed, password, version).status();
}

Status RecordActions::lockForm(const Actor &actor, const records::FormKey &key)
{
    return m_locks->lockForm(actor, key);
}

Status RecordActions::unlockForm(const Actor &actor, const records::FormKey &key, const QString &reason)
{
    return m_locks->unlockForm(actor, key, reason);
}

Status RecordActions::openQuery(const Actor &actor, const records::FormKey &key, const QString &itemOid,
                                const QString &text)
{
    return m_queries->open(actor, key, itemOid, text).status();
}

Status RecordActions::answerQuery(const Actor &actor, qint64 queryId, const QString &text)
{
    return m_queries->answer(actor, queryId, text);
}

Status RecordActions::closeQuery(const Actor &actor, qint64 queryId, const QString &text)
{
    return m_queries->close(actor, queryId, text);
}

Status RecordActions::reopenQuery(const Actor &actor, qint64 queryId, const QString &text)
{
    return m_queries->reopen(actor, queryId, text);
}

Status RecordActions::mayCloseQuery(const Actor &actor, const records::DataQuery &query) const
{
    return records::Queries::mayClose(actor, query);
}

QList<records::DataQuery> RecordActions::queriesOfItem(const Actor &actor, const records::FormKey &key,
                                                       const QString &itemOid) const
{
    QList<records::DataQuery> out;
    records::QueryFilter filter;
    filter.subjectId = key.subjectId;
    filter.includeClosed = true;
    if (const auto list = m_queries->list(actor, filter))
        for (const auto &q : *list)
            if (q.key.eventOid == key.eventOid && q.key.eventRepeat == key.eventRepeat &&
                q.key.formOid == key.formOid && q.key.formRepeat == key.formRepeat && q.itemOid == itemOid)
                out.append(q);
    return out;
}

Result<records::SubjectEligibility> RecordActions::eligibility(const Actor &actor, qint64 subjectId)
{
    return records::assessSubjectEligibility(m_data, actor, subjectId, m_clock);
}

QHash<qint64, int> RecordActions::openQueriesBySubject(const Actor &actor) const
{
    QHash<qint64, int> out;
    if (const auto list = m_queries->list(actor))
        for (const auto &q : *list)
            if (q.isOpen())
                ++out[q.key.subjectId];
    return out;
}

QHash<qint64, QSet<QString>> RecordActions::openQueryEvents(const Actor &actor) const
{
    QHash<qint64, QSet<QString>> out;
    if (const auto list = m_queries->list(actor))
        for (const auto &q : *list)
            if (q.isOpen())
                out[q.key.subjectId].insert(q.key.eventOid);
    return out;
}

QHash<QString, int> RecordActions::openQueriesByItem(const Actor &actor, const records::FormKey &key) const
{
    QHash<QString, int> out;
    records::QueryFilter filter;
    filter.subjectId = key.subjectId;
    if (const auto list = m_queries->list(actor, filter))
        for (const auto &q : *list)
            if (q.isOpen() && q.key.eventOid == key.eventOid && q.key.formOid == key.formOid)
                ++out[q.itemOid];
    return out;
}

} // namespace cellcrf::forms
