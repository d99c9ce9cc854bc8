#pragma once

// PayloadWriter streams the ODM payload of one sync package (SYNC.md §2.6)
// into a device: the root with the header's facts, the study metadata when
// asked, AdminData, ClinicalData #1 with the attachments and every event of
// every chain as a cc:E, then ClinicalData #2, the standard transactional view
// of the same changes written by the transactional ODM export
// (exchange::writeOdmSubjectTransactions) restricted to the package's events.
//
// Memory does not grow with the number of events: the writer pulls the events
// of one chain at a time from a ChainEventSource, which pages through the audit
// trail, and keeps only the set of subject keys it met (for #2) and the newest
// time. Everything the root and AdminData must say before the events are seen
// (the newest time, the people) comes in the PayloadSpec, and the writer
// checks while it writes that the events agree with it; StoreChainEvents::facts
// computes both from the store in one indexed pass.
//
// The writer refuses rather than write a document a reader would refuse or
// read differently: an event that does not continue its chain (device, counter,
// id or previous hash), a value holding a character XML 1.0 cannot carry
// (QXmlStreamWriter drops it silently and only raises its error flag), a value
// longer than the reader's limit, more events than a package may hold. The
// message names the event. What was already written is then garbage: the
// caller discards the device's bytes.

#include "audit/auditevent.h"
#include "core/result.h"
#include "sync/payloadformat.h"

#include <functional>

class QIODevice;

namespace cellcrf {
namespace store {
class Database;
}
namespace study {
struct Study;
}
} // namespace cellcrf

namespace cellcrf::sync {

// A person named by the package's events, as AdminData lists them.
struct PayloadUser
{
    QString loginName;
    QString fullName; // "" when the sending store has no account of that name
};

// Everything the writer must know before it sees the events.
struct PayloadSpec
{
    PayloadHeader header;
    bool withMetaData = false;            // Study/MetaDataVersion: first package, or the definition changed
    QList<PayloadUser> users;             // every user an event names (each event is checked against it)
    QList<PayloadAttachment> attachments; // written before the chains, so an importer has them first
    QList<PayloadChain> chains;           // in the order they are written; each device once
};

using EventVisitor = std::function<Status(const audit::AuditEvent &event)>;

// Where the writer pulls the events from. forEachEvent may be called more
// than once for one chain, and must hand the events From..To of `chain` in
// counter order, stopping at (and returning) the first failure of `visit`.
class ChainEventSource
{
public:
    virtual ~ChainEventSource() = default;
    virtual Status forEachEvent(const PayloadChain &chain, const EventVisitor &visit) = 0;
};

// The facts a PayloadSpec needs about a set of chain ranges.
struct ChainFacts
{
    QList<PayloadUser> users; // sorted by login name
    QString newestUtc;        // "" when the ranges hold no event
    qint64 events = 0;
};

// The events of the chains of one store, read from audit_event through its
// (device_id, device_counter) index with one forward-only query per chain.
class StoreChainEvents final : public ChainEventSource
{
public:
    explicit StoreChainEvents(const store::Database &db);

    Status forEachEvent(const PayloadChain &chain, const EventVisitor &visit) override;

    // The cc:Chain of events from..to of `device`, with its hashes from the
    // store; NotFound when the store does not hold all of them.
    Result<PayloadChain> chain(const QString &device, const QString &scope, qint64 from, qint64 to) const;
    // Who the events of `chains` name (full names from user_account) and their newest time.
    Result<ChainFacts> facts(const QList<PayloadChain> &chains) const;

private:
    const store::Database &m_db;
};

struct PayloadWriteSummary
{
    qint64 events = 0;
    qint64 attachments = 0;
    qint64 subjects = 0;         // subjects named by ClinicalData #2
    qint64 informativeItems = 0; // ItemData in ClinicalData #2
};

class PayloadWriter
{
public:
    // `db` is the sending store (ClinicalData #2 reads its subjects and
    // signatures), `study` the definition the package is made under.
    PayloadWriter(const store::Database &db, const study::Study &study, PayloadLimits limits = {});

    Result<PayloadWriteSummary> write(QIODevice &sink, const PayloadSpec &spec, ChainEventSource &source) const;

private:
    const store::Database &m_db;
    const study::Study &m_study;
    PayloadLimits m_limits;
};

} // namespace cellcrf::sync
