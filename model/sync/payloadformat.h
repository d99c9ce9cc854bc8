#pragma once

// The payload of a sync package (SYNC.md §2.6): one CDISC ODM 1.3.2 document.
// Its first ClinicalData is normative and holds only CellCRF extension
// elements (namespace urn:cellcrf:odm:sync:1, schema
// schemas/cellcrf-sync-1.xsd): the package's attachments, then one cc:Chain
// per chain with every audit event whole as a cc:E. Its second ClinicalData is
// informative: the standard transactional view of the same changes, what is
// left for any ODM reader once the extension is stripped.
//
// This header holds what the writer (payloadwriter.h) and the reader
// (payloadreader.h) share: the facts the root element repeats from the package
// header, the description of a chain and of an attachment, the limits a reader
// enforces (and a writer therefore respects, so that no package it makes is
// refused for its size), and the checks of single values that both apply.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

namespace cellcrf::sync {

// "urn:cellcrf:odm:sync:1", written with the prefix "cc".
QString payloadNamespace();

// The root attributes that repeat the package header (SYNC.md §2.4). The
// writer writes them, the reader refuses a document whose root differs.
struct PayloadHeader
{
    QString studyOid;            // Study, AdminData and both ClinicalData name it
    QString fileOid;             // package.file_oid
    QString priorFileOid;        // package.prior_file_oid; "" leaves the attribute out
    QString creationUtc;         // created_utc, "yyyy-MM-ddTHH:mm:ss.zzzZ"
    QString asOfUtc;             // as_of_utc: the newest event's utc; "" (left out) when no event travels
    QString originator;          // sender.device
    QString sourceSystemVersion; // software
};

// One cc:Chain: the events From..To of one device, consecutive. PrevHash is
// the hash of event From-1 (the genesis hash when From is 1), LastHash that of
// event To. A chain always carries at least one event.
struct PayloadChain
{
    QString device;
    QString scope;
    qint64 from = 0;
    qint64 to = 0;
    QString prevHash;
    QString lastHash;

    qint64 count() const { return to - from + 1; }
    bool contains(qint64 counter) const { return counter >= from && counter <= to; }
};

// One cc:Attachment: a file the package's events refer to, carried whole.
struct PayloadAttachment
{
    QString kind;   // attachmentKind::*
    QString id;     // e.g. the study definition's version
    QString sha256; // lower-case hex of content
    QByteArray content;
};

namespace attachmentKind {
inline constexpr char StudyDefinition[] = "study_definition";
inline constexpr char RandomizationList[] = "randomization_list";
} // namespace attachmentKind

// What a reader accepts (SYNC.md §2.7 step 9). The defaults are the
// specification's; tests lower them.
struct PayloadLimits
{
    int maxDepth = 12;                    // element nesting, the root being 1
    qint64 maxAttributeBytes = 1 << 20;   // UTF-8 bytes of one attribute value, unescaped
    qint64 maxEvents = 5'000'000;         // cc:E in the whole document
    qint64 maxAttachmentBytes = 16 << 20; // decoded bytes of one cc:Attachment
    int maxAttributesPerElement = 64;     // cc:E has 17; XML readers check duplicates pairwise
    qint64 maxTextBytes() const;          // longest text or tag held in memory at once
};

// Checks of single values that the writer applies before it writes and the
// reader after it reads, so that the two always agree.

// "2026-11-21T08:00:00.000Z": the form every audit time is stored in.
bool isCanonicalUtc(QStringView text);
// 64 lower-case hexadecimal digits.
bool isSha256Hex(QStringView text);
// A chain id: 16 lower-case hex digits, optionally "-" and 1 to 64 of [A-Za-z0-9._].
bool isChainId(QStringView text);
// The genesis hash, the PrevHash of a chain that starts at 1.
QString chainGenesisHash();
// UTF-8 length of `text` without building the bytes.
qint64 utf8Length(QStringView text);
// The first character of `text` that XML 1.0 cannot carry (a control
// character other than TAB, LF and CR, an unpaired surrogate, U+FFFE or
// U+FFFF), as its position; -1 when there is none.
qsizetype firstNonXmlCharacter(QStringView text);

} // namespace cellcrf::sync
