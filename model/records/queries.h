#pragma once

// Queries are data clarification queries on one item (ICH E6): a monitor or a
// data manager opens one with a question, a site user answers, and the opener
// (or a data manager) closes or re-opens it. Every step is a message in the
// query's thread and an audit event in the same transaction. A query is open
// until it is closed, including while it waits for the opener after an answer.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"

namespace cellcrf {
class Clock;
}

namespace cellcrf::records {

namespace querystatus {
inline constexpr char Open[] = "open";
inline constexpr char Answered[] = "answered";
inline constexpr char Closed[] = "closed";
} // namespace querystatus

struct QueryMessage
{
    QString kind; // open, answer, close, reopen
    QString text;
    QString userName;
    QString userRole;
    QString utc;
};

struct DataQuery
{
    qint64 id = 0;
    QString subjectKey;
    QString siteOid;
    FormKey key;
    QString itemOid;
    QString status;
    QString openedBy;
    QString openedUtc;
    QString updatedUtc;
    QList<QueryMessage> messages;

    bool isOpen() const { return status != QLatin1String(querystatus::Closed); }
};

struct QueryFilter
{
    qint64 subjectId = 0; // 0: every subject the actor may see
    QString siteOid;      // empty: every site the actor may see
    bool includeClosed = false;
};

class Queries
{
public:
    Queries(ClinicalData &data, const Clock &clock);

    // Needs Operation::OpenQuery; the item must belong to the form.
    Result<DataQuery> open(const Actor &actor, const FormKey &key, const QString &itemOid, const QString &text);
    // Needs Operation::AnswerQuery (site users) on an open query.
    Status answer(const Actor &actor, qint64 queryId, const QString &text);
    // Needs Operation::CloseQuery and to be the opener or a data manager.
    Status close(const Actor &actor, qint64 queryId, const QString &text = {});
    Status reopen(const Actor &actor, qint64 queryId, const QString &text);
    // Whether the actor may close or re-open this query: the role's permission
    // and being its opener or a data manager. Reads nothing; close() and
    // reopen() apply the same rule, so a screen can disable what would be refused.
    static Status mayClose(const Actor &actor, const DataQuery &query);

    Result<DataQuery> query(const Actor &actor, qint64 queryId) const;
    // Queries of the subjects the actor may see, oldest first.
    Result<QList<DataQuery>> list(const Actor &actor, const QueryFilter &filter = {}) const;

private:
    Status step(const Actor &actor, qint64 queryId, const char *kind, const char *action, const QString &text);

    ClinicalData &m_data;
    const Clock &m_clock;
};

} // namespace cellcrf::records
