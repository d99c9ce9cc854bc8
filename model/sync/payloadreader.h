#pragma once

// PayloadReader reads the ODM payload of a sync package (SYNC.md §2.6, §2.7
// step 9) from a sequential device, normally the envelope's decrypting
// decompressor, in one pass and without ever holding the document: it hands
// each attachment, each chain header and each audit event to a PayloadHandler
// as soon as it has read it, so that the importer validates, inserts and
// applies while the document streams by.
//
// It is defensive. Before QXmlStreamReader sees a byte, a guard refuses a
// DOCTYPE (so no entity is ever declared or expanded), any tag, text or
// attribute value longer than the limits allow and an element with more
// attributes than any of ours (QXmlStreamReader compares attributes pairwise).
// After parsing it refuses nesting deeper than 12, an attribute value over
// 1 MiB, more than 5 000 000 events, a root whose attributes differ from the
// package header, extension elements anywhere but in the first ClinicalData,
// unknown attributes of the extension elements, events that do not continue
// their chain (counter, last hash), attachments that do not match their hash,
// and malformed XML. Each refusal reads "payload is not a valid CellCRF ODM
// document: line L: …" and stops the reading.
//
// Every event comes out as an audit::AuditEvent whose id is recomputed as
// "<Device>:<n>" (the document never says it) and whose prevHash is the chain's
// PrevHash for the first event and the hash of the event before it otherwise,
// so computeHash() can be compared with the hash it carries. The reader does
// not recompute hashes itself: that is the importer's check (§3 #16), with its
// own message.
//
// The informative ClinicalData #2 is only read to check that every SourceID
// names an event of this package; nothing else is taken from it. The events of
// a package are whole chain ranges, so the set of its event ids is one range
// per chain, whatever the number of events.

#include "audit/auditevent.h"
#include "core/result.h"
#include "sync/payloadformat.h"

class QIODevice;

namespace cellcrf::sync {

// Receives what the reader reads, in document order: the attachments, then
// per chain chainStarted, its events in counter order, chainFinished (after the
// reader has checked that the events ran From..To and ended in LastHash). A
// failure returned by the handler stops the reading and is returned unchanged.
class PayloadHandler
{
public:
    virtual ~PayloadHandler() = default;
    virtual Status attachment(const PayloadAttachment &attachment);
    virtual Status chainStarted(const PayloadChain &chain);
    virtual Status event(const audit::AuditEvent &event) = 0;
    virtual Status chainFinished(const PayloadChain &chain);
};

struct PayloadReadSummary
{
    QList<PayloadChain> chains;
    qint64 events = 0;
    qint64 attachments = 0;
    bool metaData = false; // Study/MetaDataVersion was present
    qint64 sourceIds = 0;  // SourceIDs of ClinicalData #2, each checked
};

class PayloadReader
{
public:
    // `expected`: the facts of the package header the root must repeat.
    explicit PayloadReader(PayloadHeader expected, PayloadLimits limits = {});

    // Reads `source` to its end (so that a decompressor behind it can check
    // its length and hash). A read that returns 0 bytes is the end of the
    // input. A device error is returned with the device's errorString() as
    // its message, so the envelope's own refusals pass through unchanged.
    Result<PayloadReadSummary> read(QIODevice &source, PayloadHandler &handler) const;

private:
    PayloadHeader m_expected;
    PayloadLimits m_limits;
};

} // namespace cellcrf::sync
