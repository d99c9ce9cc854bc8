#pragma once

// The two signed documents of enrolment (SYNC.md §2.3) as pure data: built,
// signed, parsed and verified here; what a database records about them is the
// device service's business.
//
// - EnrolmentRequest: a site workstation asks the hub to register its keys. It
//   is signed with the key it carries (proof of possession), and the hub admin
//   compares its fingerprint with the one read out by the site, by phone.
// - EnrolmentWelcome: the hub's answer, signed by the hub. The site admin
//   compares the hub's fingerprint with the site-initiation sheet.
//
// Each `sig` is a plain Ed25519 detached signature over the compact JSON of the
// document without `sig`; a QJsonObject keeps its keys sorted, so that JSON is
// canonical. A signature proves only that the document is whole and made with
// the key it names: the fingerprint a person compares is what ties that key to
// a real device.

#include "core/result.h"
#include "sync/devicekeys.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace cellcrf::sync {

inline constexpr char EnrolmentRequestFormat[] = "cellcrf-enrol-request/1";
inline constexpr char EnrolmentWelcomeFormat[] = "cellcrf-enrol-welcome/1";

// {format, study, site, device, name, sign_pk, box_pk, created_utc, chain:{counter,hash}, sig}
struct EnrolmentRequest
{
    QString study;
    QString site;
    PublicKeys keys; // keys.device is the document's `device`
    QString name;
    QString createdUtc;
    ChainMark chain; // the workstation's own chain when it asked
    QByteArray signature;

    static Result<EnrolmentRequest> create(const DeviceKeys &keys, const QString &study, const QString &site,
                                           const QString &name, const QString &createdUtc, const ChainMark &chain);
    // Refuses another format, a missing or mistyped field and a signature that
    // does not verify with the request's own sign_pk.
    static Result<EnrolmentRequest> parse(const QByteArray &fileBytes);

    QJsonObject toJson() const;     // with sig
    QByteArray toFileBytes() const; // compact JSON and a newline
    QString fingerprint() const { return keys.fingerprint(); }
    // The fingerprint the site read out, as the hub admin typed it: "fingerprint
    // does not match: do not register this file".
    Status checkFingerprint(const QString &typed) const;
};

// {format, study, site, device, hub:{device, sign_pk, box_pk, key_id}, chains:[…], registered_by, registered_utc, sig}
struct EnrolmentWelcome
{
    QString study;
    QString site;
    QString device; // the registered workstation
    PublicKeys hub;
    QStringList chains; // e.g. "<hub>-01", "<hub>-study"
    QString registeredBy;
    QString registeredUtc;
    QByteArray signature;

    // The hub's answer to a request it has verified, signed with the hub's keys.
    static Result<EnrolmentWelcome> create(const DeviceKeys &hubKeys, const EnrolmentRequest &request,
                                           const QStringList &chains, const QString &registeredBy,
                                           const QString &registeredUtc);
    // Refuses another format, a missing or mistyped field, a key_id that is not
    // the hub keys' and a signature that does not verify with hub.sign_pk.
    static Result<EnrolmentWelcome> parse(const QByteArray &fileBytes);

    QJsonObject toJson() const;
    QByteArray toFileBytes() const;
    QString hubFingerprint() const { return hub.fingerprint(); }
    // The hub fingerprint from the site-initiation sheet, as the site admin typed it.
    Status checkHubFingerprint(const QString &typed) const;
    // The welcome must answer this workstation's request.
    Status checkAddressedTo(const QString &study, const QString &site, const QString &device) const;
};

} // namespace cellcrf::sync
