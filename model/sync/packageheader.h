#pragma once

// PackageHeader is the JSON header of a `.ccsync` file (SYNC.md §2.4) as typed
// values, and the one check of its fields that the writer and the reader share:
// every required field present, of the right type, in range. What the fields
// mean for a database (is this our study, is the sender registered, …) is the
// importer's business; this class only says whether the header is well formed.
//
// On the wire the header is the compact serialization of a QJsonObject, whose
// keys Qt keeps sorted, so the bytes are canonical: the reader refuses a header
// whose bytes differ from the serialization of what it parsed (for instance a
// key given twice).

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace cellcrf::sync {

inline constexpr char PackageFormatName[] = "cellcrf-sync/1";
inline constexpr char PayloadMediaType[] = "application/vnd.cdisc.odm+xml";
inline constexpr char PayloadCompression[] = "zstd";

// package: {file_oid, sequence, prior_package_sha256, prior_file_oid}
struct PackageIdentity
{
    QString fileOid;            // "CellCRF/<study>/<sender>/<recipient>/<seq>"
    qint64 sequence = 0;        // 1, 2, … per (sender, recipient)
    QString priorPackageSha256; // "" for sequence 1, else 64 lower-case hex
    QString priorFileOid;       // may be ""
    friend bool operator==(const PackageIdentity &, const PackageIdentity &) = default;
};

// study: {oid, definition_version}
struct PackageStudy
{
    QString oid;
    QString definitionVersion;
    friend bool operator==(const PackageStudy &, const PackageStudy &) = default;
};

// sender: {device, kind:"site"|"hub", site, key_id}
struct PackageSender
{
    QString device; // 16 lower-case hex
    QString kind;   // "site" or "hub"
    QString site;   // required for a site, "" allowed for the hub
    QString keyId;  // 16 upper-case hex
    friend bool operator==(const PackageSender &, const PackageSender &) = default;
};

// recipient: {device, key_id}
struct PackageRecipient
{
    QString device;
    QString keyId;
    friend bool operator==(const PackageRecipient &, const PackageRecipient &) = default;
};

// chains[]: {device, scope, from, to, count, prev_hash, last_hash}
struct PackageChain
{
    QString device; // a chain id: ^[0-9a-f]{16}(-[A-Za-z0-9._]{1,64})?$
    QString scope;
    qint64 from = 0;  // ≥ 1
    qint64 to = 0;    // ≥ from
    qint64 count = 0; // = to − from + 1
    QString prevHash; // hash of event from−1 (the genesis hash for 1)
    QString lastHash;
    friend bool operator==(const PackageChain &, const PackageChain &) = default;
};

// SYNC.md §2.4 lists under `acks` both the chains the sender holds and the last
// package it imported from the recipient; one JSON value carries both:
//   acks: {chains:[{chain, through, hash}], last_imported:{sequence, sha256}}
//
// acks.chains[]: {chain, through, hash}
struct PackageAck
{
    QString chain;
    qint64 through = 0; // ≥ 0
    QString hash;
    friend bool operator==(const PackageAck &, const PackageAck &) = default;
};

// acks.last_imported: {sequence, sha256}; {0, ""} when nothing was imported yet.
struct PackageLastImported
{
    qint64 sequence = 0;
    QString sha256;
    friend bool operator==(const PackageLastImported &, const PackageLastImported &) = default;
};

// attachments[]: {kind:"study_definition"|"randomization_list", id, sha256, bytes}
struct PackageAttachment
{
    QString kind;
    QString id;
    QString sha256;
    qint64 bytes = 0;
    friend bool operator==(const PackageAttachment &, const PackageAttachment &) = default;
};

// payload: {media_type, compression, plain_bytes, plain_sha256, compressed_bytes}, filled in by the writer.
struct PackagePayload
{
    QString mediaType = QString::fromLatin1(PayloadMediaType);
    QString compression = QString::fromLatin1(PayloadCompression);
    qint64 plainBytes = 0;
    QString plainSha256;
    qint64 compressedBytes = 0;
    friend bool operator==(const PackagePayload &, const PackagePayload &) = default;
};

struct PackageHeader
{
    enum class Part
    {
        WithoutPayload, // what the export logic hands the writer
        Complete,       // what a package file holds
    };

    QString format = QString::fromLatin1(PackageFormatName);
    PackageIdentity package;
    PackageStudy study;
    PackageSender sender;
    PackageRecipient recipient;
    QString createdUtc; // ISO 8601 UTC with 'Z'
    QString asOfUtc;    // the newest event's UTC (for a package without events: created_utc)
    QString software;
    QList<PackageChain> chains; // empty: an acknowledgement-only package
    QList<PackageAck> acks;
    PackageLastImported lastImported;
    QList<PackageAttachment> attachments;
    std::optional<PackagePayload> payload;

    // The single check of SYNC.md §2.4's fields. With Part::WithoutPayload a
    // `payload` member is ignored. Messages name the field: "field sender.key_id is missing".
    static Result<PackageHeader> fromJson(const QJsonObject &json, Part part);
    QJsonObject toJson() const; // `payload` only when set

    // "CellCRF/<study>/<sender>/<recipient>/<seq>"
    static QString fileOidFor(const QString &study, const QString &sender, const QString &recipient, qint64 sequence);
    // "<study>_<sender>_to_<recipient>_<seq:6>.ccsync"
    static QString fileNameFor(const QString &study, const QString &sender, const QString &recipient, qint64 sequence);

    friend bool operator==(const PackageHeader &, const PackageHeader &) = default;
};

} // namespace cellcrf::sync
