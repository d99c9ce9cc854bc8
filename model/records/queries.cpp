#include "records/queries.h"

#include "auth/permissions.h"
#include "core/clock.h"
#include "records/recordaudit.h"
#include "store/database.h"

#include <QCoreApplication>

namespace cellcrf::records {

using auth::Operation;
using auth::Permissions;
using store::Query;
namespace role = auth::role;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records::Queries", text);
}

const QString queryColumns =
    QStringLiteral("q.id, q.subject_id, s.subject_key, s.site_oid, q.event_oid, q.event_repeat, q.form_oid, "
                   "q.form_repeat, q.item_oid, q.status, q.opened_by, q.opened_utc, q.updated_utc");

DataQuery readQueryRow(const Query &q)
{
    DataQuery d;
    d.id = q.integer(0);
    d.key.subjectId = q.integer(1);
    d.subjectKey = q.text(2);
    d.siteOid = q.text(3);
    d.key.eventOid = q.text(4);
    d.key.eventRepeat = int(q.integer(5));
    d.key.formOid = q.text(6);
    d.key.formRepeat = int(q.integer(7));
    d.itemOid = q.text(8);
    d.status = q.text(9);
    d.openedBy = q.text(10);
    d.openedUtc = q.text(11);
    d.updatedUtc = q.text(12);
    return d;
}

Status readMessages(const store::Database &db, DataQuery &d)
{
    Query m(db, QStringLiteral("SELECT kind, text, user_name, user_role, utc FROM query_message WHERE query_id = ? "
                               "ORDER BY id"));
    m.bind(d.id);
    if (Status s = m.exec(); !s)
        return s;
    while (m.next())
        d.messages.append({m.text(0), m.text(1), m.text(2), m.text(3), m.text(4)});
    return Status::ok();
}

} // namespace

Queries::Queries(ClinicalData &data, const Clock &clock)
    : m_data(data)
    , m_clock(clock)
{}

Result<DataQuery> Queries::open(const Actor &actor, const FormKey &key, const QString &itemOid, const QString &text)
{
    if (Status s = Permissions::check(actor, Operation::OpenQuery); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    const study::Form *form = m_data.study().form(key.formOid);
    const study::Event *event = m_data.study().event(key.eventOid);
    if (!form || !event || !event->forms.contains(key.formOid) || !form->item(itemOid))
        return Status::error(
            ErrorCode::NotFound,
            tr("The study has no item %1 on form %2 at event %3.").arg(itemOid, key.formOid, key.eventOid));
    if (text.trimmed().isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("Write the question of the query."));

    store::Database &db = m_data.database();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    qint64 id = 0;
    Status s = db.transaction([&]() -> Status {
        Query ins(db, QStringLiteral("INSERT INTO query (subject_id, event_oid, event_repeat, form_oid, form_repeat, "
                                     "item_oid, status, opened_by, opened_utc, updated_utc) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        ins.bind(key.subjectId)
            .bind(key.eventOid)
            .bind(key.eventRepeat)
            .bind(key.formOid)
            .bind(key.formRepeat)
            .bind(itemOid)
            .bind(QString::fromLatin1(querystatus::Open))
            .bind(actor.userName)
            .bind(now)
            .bind(now);
        if (Status e = ins.exec(); !e)
            return e;
        id = ins.lastInsertId().toLongLong();
        audit::AuditEvent ev = detail::formEvent(db, actor, audit::action::QueryOpened, *subject, key, itemOid);
        ev.utc = now;
        ev.newValue = QStringLiteral("query=%1;status=open;text=%2").arg(id).arg(text.trimmed());
        Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
        if (!written)
            return written.status();
        Query msg(db, QStringLiteral("INSERT INTO query_message (query_id, kind, text, user_name, user_role, utc, "
                                     "audit_event_id) VALUES (?, 'open', ?, ?, ?, ?, ?)"));
        msg.bind(id).bind(text.trimmed()).bind(actor.userName).bind(actor.role).bind(now).bind(written->eventId);
        return msg.exec();
    });
    if (!s)
        return s;
    return query(actor, id);
}

Status Queries::step(const Actor &actor, qint64 queryId, const char *kind, const char *action, const QString &text)
{
    const QString k = QString::fromLatin1(kind);
    const bool isAnswer = k == QLatin1String("answer");
    if (Status s = Permissions::check(actor, isAnswer ? Operation::AnswerQuery : Operation::CloseQuery); !s)
        return s;
    Result<DataQuery> q = query(actor, queryId);
    if (!q)
        return q.status();
    if (!isAnswer) {
        if (Status s = mayClose(actor, *q); !s)
            return s;
    }
    QString newStatus;
    if (isAnswer) {
        if (!q->isOpen())
            return Status::error(ErrorCode::InvalidInput, tr("This query is closed; it cannot be answered."));
        newStatus = QString::fromLatin1(querystatus::Answered);
    } else if (k == QLatin1String("close")) {
        if (!q->isOpen())
            return Status::error(ErrorCode::InvalidInput, tr("This query is already closed."));
        newStatus = QString::fromLatin1(querystatus::Closed);
    } else {
        if (q->isOpen())
            return Status::error(ErrorCode::InvalidInput, tr("This query is open; only a closed query can be "
                                                             "re-opened."));
        newStatus = QString::fromLatin1(querystatus::Open);
    }
    if ((isAnswer || k == QLatin1String("reopen")) && text.trimmed().isEmpty())
        return Status::error(ErrorCode::InvalidInput,
                             isAnswer ? tr("Write the answer.") : tr("Say why the query is re-opened."));
    Result<Subject> subject = m_data.subject(actor, q->key.subjectId);
    if (!subject)
        return subject.status();

    store::Database &db = m_data.database();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    return db.transaction([&]() -> Status {
        Query upd(db, QStringLiteral("UPDATE query SET status = ?, updated_utc = ? WHERE id = ? AND status = ?"));
        upd.bind(newStatus).bind(now).bind(queryId).bind(q->status);
        if (Status e = upd.exec(); !e)
            return e;
        if (upd.rowsAffected() != 1)
            return Status::error(ErrorCode::Conflict, tr("Someone else changed this query; reload it."));
        audit::AuditEvent ev = detail::formEvent(db, actor, action, *subject, q->key, q->itemOid);
        ev.utc = now;
        ev.oldValue = QStringLiteral("query=%1;status=%2").arg(queryId).arg(q->status);
        ev.newValue = QStringLiteral("query=%1;status=%2;text=%3").arg(queryId).arg(newStatus, text.trimmed());
        Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
        if (!written)
            return written.status();
        Query msg(db, QStringLiteral("INSERT INTO query_message (query_id, kind, text, user_name, user_role, utc, "
                                     "audit_event_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        msg.bind(queryId)
            .bind(k)
            .bind(text.trimmed())
            .bind(actor.userName)
            .bind(actor.role)
            .bind(now)
            .bind(written->eventId);
        return msg.exec();
    });
}

Status Queries::mayClose(const Actor &actor, const DataQuery &query)
{
    if (Status s = Permissions::check(actor, Operation::CloseQuery); !s)
        return s;
    // Closing and re-opening belong to whoever asked; a data manager may do it
    // for anyone (a monitor who left the study, a duplicate query).
    if (query.openedBy != actor.userName && actor.role != QLatin1String(role::DataManager) &&
        actor.role != QLatin1String(role::System))
        return Status::error(
            ErrorCode::PermissionDenied,
            tr("Only %1, who opened this query, or a data manager may close or re-open it.").arg(query.openedBy));
    return Status::ok();
}

Status Queries::answer(const Actor &actor, qint64 queryId, const QString &text)
{
    return step(actor, queryId, "answer", audit::action::QueryAnswered, text);
}

Status Queries::close(const Actor &actor, qint64 queryId, const QString &text)
{
    return step(actor, queryId, "close", audit::action::QueryClosed, text);
}

Status Queries::reopen(const Actor &actor, qint64 queryId, const QString &text)
{
    return step(actor, queryId, "reopen", audit::action::QueryReopened, text);
}

Result<DataQuery> Queries::query(const Actor &actor, qint64 queryId) const
{
    if (Status s = Permissions::check(actor, Operation::ViewData); !s)
        return s;
    Query q(m_data.database(),
            QStringLiteral("SELECT %1 FROM query q JOIN subject s ON s.id = q.subject_id WHERE q.id = ?")
                .arg(queryColumns));
    q.bind(queryId);
    if (Status s = q.exec(); !s)
        return s;
    if (!q.next())
        return Status::error(ErrorCode::NotFound, tr("There is no query %1.").arg(queryId));
    DataQuery d = readQueryRow(q);
    if (!actor.mayAccessSite(d.siteOid))
        return Status::error(ErrorCode::PermissionDenied,
                             tr("You do not have access to the subjects of site %1.").arg(d.siteOid));
    if (Status s = readMessages(m_data.database(), d); !s)
        return s;
    return d;
}

Result<QList<DataQuery>> Queries::list(const Actor &actor, const QueryFilter &filter) const
{
    if (Status s = Permissions::check(actor, Operation::ViewData); !s)
        return s;
    if (!filter.siteOid.isEmpty() && !actor.mayAccessSite(filter.siteOid))
        return Status::error(ErrorCode::PermissionDenied,
                             tr("You do not have access to the subjects of site %1.").arg(filter.siteOid));
    Query q(m_data.database(),
            QStringLiteral("SELECT %1 FROM query q JOIN subject s ON s.id = q.subject_id "
                           "WHERE (? = 0 OR q.subject_id = ?) AND (? = '' OR s.site_oid = ?) AND (? = 1 OR q.status "
                           "<> 'closed') ORDER BY q.id")
                .arg(queryColumns));
    q.bind(filter.subjectId)
        .bind(filter.subjectId)
        .bind(filter.siteOid)
        .bind(filter.siteOid)
        .bind(filter.includeClosed ? 1 : 0);
    if (Status s = q.exec(); !s)
        return s;
    QList<DataQuery> out;
    while (q.next()) {
        DataQuery d = readQueryRow(q);
        if (actor.mayAccessSite(d.siteOid))
            out.append(std::move(d));
    }
    for (DataQuery &d : out) {
        if (Status s = readMessages(m_data.database(), d); !s)
            return s;
    }
    return out;
}

} // namespace cellcrf::records
