#include "records/clinicaldata.h"

#include "audit/auditevent.h"
#include "audit/formcontent.h"
#include "auth/permissions.h"
#include "clinical/derivation.h"
#include "core/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace cellcrf::records {

using store::Database;
using store::Query;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records::ClinicalData", text);
}

const QString subjectColumns = QStringLiteral(
    "id, subject_key, site_oid, screening_number, initials, status, arm_oid, randomization_number, created_utc");

Subject readSubjectRow(const Query &q)
{
    Subject s;
    s.id = q.integer(0);
    s.key = q.text(1);
    s.siteOid = q.text(2);
    s.screeningNumber = q.text(3);
    s.initials = q.text(4);
    s.status = q.text(5);
    s.armOid = q.text(6);
    s.randomizationNumber = q.text(7);
    s.createdUtc = q.text(8);
    return s;
}

// Values of the subject's other forms, for "form.item" references.
class OtherForms final : public rules::SubjectValues
{
public:
    OtherForms(const ClinicalData &data, qint64 subjectId)
        : m_data(data)
        , m_subjectId(subjectId)
    {}
    std::optional<QString> storedValue(const QString &formOid, const QString &itemOid) const override
    {
        return m_data.firstValue(m_subjectId, formOid, itemOid);
    }

private:
    const ClinicalData &m_data;
    qint64 m_subjectId;
};

std::optional<QString> asOptional(const ItemEntry *entry, QString ItemEntry::*field)
{
    if (!entry || (entry->*field).isEmpty())
        return std::nullopt;
    return entry->*field;
}

// The valid signatures (form or casebook) that a change is about to break.
struct ValidSignature
{
    qint64 id = 0;
    QString signer, meaning, hash;
};

Result<QList<ValidSignature>> validSignatures(const Database &db, const QString &sql, qint64 ownerId)
{
    Query q(db, sql);
    q.bind(ownerId);
    if (Status e = q.exec(); !e)
        return e;
    QList<ValidSignature> valid;
    while (q.next())
        valid.append({q.integer(0), q.text(1), q.text(2), q.text(3)});
    return valid;
}

} // namespace

ClinicalData::ClinicalData(Database &db, const study::Study &study, const Clock &clock)
    : m_db(db)
    , m_study(study)
    , m_clock(clock)
    , m_audit(db, clock)
{}

int ClinicalData::siteOffset(const QString &siteOid) const
{
    Query q(m_db, QStringLiteral("SELECT utc_offset_min FROM site WHERE oid = ?"));
    q.bind(siteOid);
    if (q.exec() && q.next())
        return int(q.integer(0));
    return 0;
}

Status ClinicalData::checkSiteAccess(const Actor &actor, const Subject &subject) const
{
    if (Status s = auth::Permissions::check(actor, auth::Operation::ViewData); !s)
        return s;
    if (actor.mayAccessSite(subject.siteOid))
        return Status::ok();
    return Status::error(ErrorCode::PermissionDenied,
                         tr("You do not have access to the subjects of site %1.").arg(subject.siteOid));
}

Result<Subject> ClinicalData::registerSubject(const Actor &actor, const NewSubject &ns)
{
    static const QRegularExpression numberPattern(QStringLiteral("^[A-Za-z0-9-]{1,20}$"));
    if (Status s = auth::Permissions::check(actor, auth::Operation::EnterData); !s)
        return s;
    const QString number = ns.screeningNumber.trimmed();
    if (!m_study.site(ns.siteOid))
        return Status::error(ErrorCode::InvalidInput, tr("Site %1 is not part of this study.").arg(ns.siteOid));
    if (!actor.mayAccessSite(ns.siteOid))
        return Status::error(ErrorCode::PermissionDenied,
                             tr("You may not register subjects at site %1.").arg(ns.siteOid));
    if (Status s = checkUnlocked(Subject{}, 0); !s)
        return s;
    if (!numberPattern.match(number).hasMatch())
        return Status::error(ErrorCode::InvalidInput, tr("A screening number has 1 to 20 letters, digits or dashes."));
    const QString initials = ns.initials.trimmed().toUpper();
    static const QRegularExpression initialsPattern(QStringLiteral("^[A-Z-]{0,4}$"));
    if (!initialsPattern.match(initials).hasMatch())
        return Status::error(ErrorCode::InvalidInput, tr("Initials are up to 4 letters (a dash for none)."));

    Subject subject;
    subject.key = QStringLiteral("%1-%2").arg(ns.siteOid, number);
    subject.siteOid = ns.siteOid;
    subject.screeningNumber = number;
    subject.initials = initials;
    subject.status = QString::fromLatin1(subjectstatus::Screening);
    subject.createdUtc = m_clock.nowUtc().toString(Qt::ISODateWithMs);

    Status s = m_db.transaction([&]() -> Status {
        Query exists(m_db, QStringLiteral("SELECT 1 FROM subject WHERE subject_key = ?"));
        exists.bind(subject.key);
        if (Status e = exists.exec(); !e)
            return e;
        if (exists.next())
            return Status::error(ErrorCode::Conflict,
                                 tr("Screening number %1 is already registered at site %2.").arg(number, ns.siteOid));
        Query ins(m_db, QStringLiteral("INSERT INTO subject (subject_key, site_oid, screening_number, initials, "
                                       "status, created_utc) VALUES (?, ?, ?, ?, ?, ?)"));
        ins.bind(subject.key)
            .bind(subject.siteOid)
            .bind(subject.screeningNumber)
            .bind(subject.initials)
            .bind(subject.status)
            .bind(subject.createdUtc);
        if (Status e = ins.exec(); !e)
            return e;
        subject.id = ins.lastInsertId().toLongLong();
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.utc = subject.createdUtc;
        ev.siteOffsetMinutes = siteOffset(subject.siteOid);
        ev.action = QString::fromLatin1(audit::action::SubjectCreated);
        ev.subjectKey = subject.key;
        ev.newValue = QStringLiteral("site=%1;screening_number=%2;initials=%3")
                          .arg(subject.siteOid, subject.screeningNumber, subject.initials);
        return m_audit.append(ev).status();
    });
    if (!s)
        return s;
    return subject;
}

Result<Subject> ClinicalData::readSubject(const QString &where, const QVariant &value) const
{
    Query q(m_db, QStringLiteral("SELECT %1 FROM subject WHERE %2 = ?").arg(subjectColumns, where));
    q.bind(value);
    if (Status s = q.exec(); !s)
        return s;
    if (!q.next())
        return Status::error(ErrorCode::NotFound, tr("No such subject: %1.").arg(value.toString()));
    return readSubjectRow(q);
}

Result<Subject> ClinicalData::subject(const Actor &actor, qint64 subjectId) const
{
    Result<Subject> s = readSubject(QStringLiteral("id"), subjectId);
    if (s) {
        if (Status a = checkSiteAccess(actor, *s); !a)
            return a;
    }
    return s;
}

Result<Subject> ClinicalData::subjectByKey(const Actor &actor, const QString &key) const
{
    Result<Subject> s = readSubject(QStringLiteral("subject_key"), key);
    if (s) {
        if (Status a = checkSiteAccess(actor, *s); !a)
            return a;
    }
    return s;
}

Result<QList<Subject>> ClinicalData::subjects(const Actor &actor) const
{
    if (Status s = auth::Permissions::check(actor, auth::Operation::ViewData); !s)
        return s;
    Query q(m_db, QStringLiteral("SELECT %1 FROM subject ORDER BY site_oid, screening_number").arg(subjectColumns));
    if (Status s = q.exec(); !s)
        return s;
    QList<Subject> out;
    while (q.next()) {
        Subject s = readSubjectRow(q);
        if (actor.mayAccessSite(s.siteOid))
            out.append(std::move(s));
    }
    return out;
}

qint64 ClinicalData::subjectCount() const
{
    Query q(m_db, QStringLiteral("SELECT count(*) FROM subject"));
    return q.exec() && q.next() ? q.integer(0) : 0;
}

Status ClinicalData::setSubjectStatus(const Actor &actor, qint64 subjectId, const QString &status,
                                      const QString &reason)
{
    if (Status s = auth::Permissions::check(actor, auth::Operation::EnterData); !s)
        return s;
    Result<Subject> subj = subject(actor, subjectId);
    if (!subj)
        return subj.status();
    if (Status s = checkUnlocked(*subj, 0); !s)
        return s;
    if (subj->status == status)
        return Status::ok();
    return m_db.transaction([&]() -> Status {
        Query q(m_db, QStringLiteral("UPDATE subject SET status = ? WHERE id = ?"));
        q.bind(status).bind(subjectId);
        if (Status e = q.exec(); !e)
            return e;
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.siteOffsetMinutes = siteOffset(subj->siteOid);
        ev.action = QString::fromLatin1(audit::action::SubjectStatus);
        ev.subjectKey = subj->key;
        ev.oldValue = subj->status;
        ev.newValue = status;
        ev.reason = reason;
        return m_audit.append(ev).status();
    });
}

Status ClinicalData::setSubjectArm(const Actor &actor, qint64 subjectId, const QString &armOid,
                                   const QString &randomizationNumber)
{
    if (Status s = auth::Permissions::check(actor, auth::Operation::EnterData); !s)
        return s;
    Result<Subject> subj = subject(actor, subjectId);
    if (!subj)
        return subj.status();
    if (Status s = checkUnlocked(*subj, 0); !s)
        return s;
    if (!m_study.arm(armOid))
        return Status::error(ErrorCode::InvalidInput, tr("Arm %1 is not part of this study.").arg(armOid));
    if (!subj->armOid.isEmpty())
        return Status::error(ErrorCode::Conflict, tr("Subject %1 is already randomized.").arg(subj->key));
    return m_db.transaction([&]() -> Status {
        Query q(m_db,
                QStringLiteral("UPDATE subject SET arm_oid = ?, randomization_number = ?, status = ? WHERE id = ?"));
        q.bind(armOid).bind(randomizationNumber).bind(QString::fromLatin1(subjectstatus::Randomized)).bind(subjectId);
        if (Status e = q.exec(); !e)
            return e;
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.siteOffsetMinutes = siteOffset(subj->siteOid);
        ev.action = QString::fromLatin1(audit::action::SubjectStatus);
        ev.subjectKey = subj->key;
        ev.oldValue = subj->status;
        ev.newValue = QStringLiteral("randomized;arm=%1;number=%2").arg(armOid, randomizationNumber);
        return m_audit.append(ev).status();
    });
}

std::optional<QString> ClinicalData::firstValue(qint64 subjectId, const QString &formOid, const QString &itemOid) const
{
    Query q(m_db,
            QStringLiteral("SELECT iv.value FROM item_value iv JOIN form_instance fi ON fi.id = iv.form_instance_id "
                           "WHERE fi.subject_id = ? AND fi.form_oid = ? AND iv.item_oid = ? AND iv.value <> '' "
                           "ORDER BY fi.id LIMIT 1"));
    q.bind(subjectId).bind(formOid).bind(itemOid);
    if (q.exec() && q.next())
        return q.text(0);
    return std::nullopt;
}

std::optional<QDate> ClinicalData::anchorDate(qint64 subjectId, const QString &anchorOid) const
{
    const study::Anchor *anchor = m_study.anchor(anchorOid);
    if (!anchor)
        return std::nullopt;
    const std::optional<QString> v = firstValue(subjectId, anchor->formOid, anchor->itemOid);
    if (!v)
        return std::nullopt;
    const QDate d = QDate::fromString(v->left(10), Qt::ISODate);
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

Result<FormData> ClinicalData::loadForm(const Actor &actor, const FormKey &key) const
{
    Result<Subject> subj = subject(actor, key.subjectId);
    if (!subj)
        return subj.status();
    if (!m_study.form(key.formOid))
        return Status::error(ErrorCode::NotFound, tr("The study has no form %1.").arg(key.formOid));
    FormData data;
    data.key = key;
    data.definitionVersion = m_study.version;
    Query q(m_db, QStringLiteral("SELECT id, status, version, definition_version, updated_utc, updated_by "
                                 "FROM form_instance WHERE subject_id = ? AND event_oid = ? AND event_repeat = ? "
                                 "AND form_oid = ? AND form_repeat = ?"));
    q.bind(key.subjectId).bind(key.eventOid).bind(key.eventRepeat).bind(key.formOid).bind(key.formRepeat);
    if (Status s = q.exec(); !s)
        return s;
    if (!q.next())
        return data;
    data.instanceId = q.integer(0);
    data.status = q.text(1);
    data.version = int(q.integer(2));
    data.definitionVersion = q.text(3);
    data.updatedUtc = q.text(4);
    data.updatedBy = q.text(5);
    Query v(m_db, QStringLiteral("SELECT item_oid, value, missing_reason, soft_confirmed FROM item_value "
                                 "WHERE form_instance_id = ?"));
    v.bind(data.instanceId);
    if (Status s = v.exec(); !s)
        return s;
    while (v.next())
        data.values.insert(v.text(0), ItemEntry{v.text(1), v.text(2), v.integer(3) != 0});
    return data;
}

Result<QList<FormData>> ClinicalData::formsOfSubject(const Actor &actor, qint64 subjectId, bool withValues) const
{
    Result<Subject> subj = subject(actor, subjectId);
    if (!subj)
        return subj.status();
    Query q(m_db, QStringLiteral("SELECT event_oid, event_repeat, form_oid, form_repeat FROM form_instance "
                                 "WHERE subject_id = ? ORDER BY id"));
    q.bind(subjectId);
    if (Status s = q.exec(); !s)
        return s;
    QList<FormKey> keys;
    while (q.next())
        keys.append(FormKey{subjectId, q.text(0), int(q.integer(1)), q.text(2), int(q.integer(3))});
    QList<FormData> out;
    for (const FormKey &k : keys) {
        Result<FormData> f = loadForm(actor, k);
        if (!f)
            return f.status();
        if (!withValues)
            f->values.clear();
        out.append(std::move(*f));
    }
    return out;
}

Result<rules::ValidationResult> ClinicalData::validate(const Actor &actor, const FormKey &key, const FormValues &values,
                                                       const QString &locale) const
{
    Result<Subject> subj = subject(actor, key.subjectId);
    if (!subj)
        return subj.status();
    const study::Form *form = m_study.form(key.formOid);
    if (!form)
        return Status::error(ErrorCode::NotFound, tr("The study has no form %1.").arg(key.formOid));
    OtherForms others(*this, key.subjectId);
    return rules::validateForm(m_study, *form, values, &others, &clinical::derive, locale);
}

// Saving a form is a sequence of steps, each a function that can be read alone
// and that the apply step of a sync import reuses: authorise, resolve the form,
// validate (which also computes the calculated and derived items), then in one
// transaction load the current state and check its version, work out the
// changes and their reasons, write the instance, the values and their audit
// events, and the consequences of changed content.
SaveOutcome ClinicalData::saveForm(const Actor &actor, const SaveRequest &request)
{
    SaveOutcome out;
    Result<Subject> subject = authoriseSave(actor, request.key);
    if (!subject) {
        out.status = subject.status();
        return out;
    }
    Result<const study::Form *> form = formOfRequest(request);
    if (!form) {
        out.status = form.status();
        return out;
    }
    out.status = validateForSave(request, **form, out.validation);
    if (!out.status)
        return out;

    const FormWrite write{actor, *subject, request.key, m_clock.nowUtc().toString(Qt::ISODateWithMs),
                          siteOffset(subject->siteOid)};
    out.status = m_db.transaction([&]() -> Status { return writeForm(write, **form, request, out); });
    if (!out.status && out.status.code() != ErrorCode::ReasonRequired)
        out.itemsNeedingReason.clear();
    return out;
}

Result<Subject> ClinicalData::authoriseSave(const Actor &actor, const FormKey &key) const
{
    if (Status s = auth::Permissions::check(actor, auth::Operation::EnterData); !s)
        return s;
    return subject(actor, key.subjectId);
}

Result<const study::Form *> ClinicalData::formOfRequest(const SaveRequest &request) const
{
    const FormKey &key = request.key;
    const study::Form *form = m_study.form(key.formOid);
    const study::Event *event = m_study.event(key.eventOid);
    if (!form || !event || !event->forms.contains(key.formOid))
        return Status::error(ErrorCode::NotFound,
                             tr("The study has no form %1 at event %2.").arg(key.formOid, key.eventOid));
    if (key.eventRepeat < 1 || key.formRepeat < 1 || (!event->repeating && key.eventRepeat != 1) ||
        (!form->repeating && key.formRepeat != 1))
        return Status::error(ErrorCode::InvalidInput,
                             tr("Form %1 does not repeat at event %2.").arg(key.formOid, key.eventOid));
    for (auto it = request.values.cbegin(); it != request.values.cend(); ++it) {
        if (!form->item(it.key()))
            return Status::error(ErrorCode::InvalidInput, tr("Form %1 has no item %2.").arg(key.formOid, it.key()));
    }
    return form;
}

Status ClinicalData::validateForSave(const SaveRequest &request, const study::Form &form,
                                     rules::ValidationResult &validation) const
{
    OtherForms others(*this, request.key.subjectId);
    validation = rules::validateForm(m_study, form, request.values, &others, &clinical::derive);
    if (!validation.canSave()) {
        QStringList texts;
        for (const rules::ItemMessage &m : validation.messages) {
            if (m.blocksSave)
                texts.append(QStringLiteral("%1: %2").arg(m.itemOid, m.text));
        }
        return Status::error(ErrorCode::InvalidInput,
                             tr("The form was not saved: %1").arg(texts.join(QStringLiteral("; "))));
    }
    if (request.complete && !validation.canComplete()) {
        QStringList texts;
        for (const rules::ItemMessage &m : validation.messages) {
            if (m.blocksCompletion && !m.confirmed)
                texts.append(QStringLiteral("%1: %2").arg(m.itemOid, m.text));
        }
        return Status::error(ErrorCode::InvalidInput,
                             tr("The form cannot be marked complete: %1").arg(texts.join(QStringLiteral("; "))));
    }
    return Status::ok();
}

Status ClinicalData::writeForm(const FormWrite &write, const study::Form &form, const SaveRequest &request,
                               SaveOutcome &out)
{
    Result<FormData> current = loadCurrentVersion(write, request.expectedVersion);
    if (!current)
        return current.status();
    Result<QList<ItemChange>> changes =
        changesOf(form, *current, out.validation.values, request, out.itemsNeedingReason);
    if (!changes)
        return changes.status();
    const QString newStatus = statusAfterSave(*current, *changes, request.complete);
    if (changes->isEmpty() && current->status == newStatus) {
        out.version = current->version;
        out.formStatus = current->status;
        return Status::ok();
    }

    Result<qint64> instanceId = writeInstance(write, *current, newStatus, out.version);
    if (!instanceId)
        return instanceId.status();
    out.formStatus = newStatus;
    if (Status e = writeValues(write, *instanceId, *changes, request, out.changedItems); !e)
        return e;
    if (!out.changedItems.isEmpty()) {
        if (Status e = applyChangedContent(write, *instanceId, out.changedItems); !e)
            return e;
    }
    if (current->status != newStatus) {
        audit::AuditEvent ev = formEvent(write, QString::fromLatin1(audit::action::FormStatus), QString());
        ev.oldValue = current->status;
        ev.newValue = newStatus;
        ev.reason = request.reason.trimmed();
        if (Status e = m_audit.append(ev).status(); !e)
            return e;
    }
    return Status::ok();
}

Result<FormData> ClinicalData::loadCurrentVersion(const FormWrite &write, int expectedVersion) const
{
    // Read the current state inside the transaction: what the user's copy is
    // compared with must be what is committed now.
    Result<FormData> current = loadForm(write.actor, write.key);
    if (!current)
        return current.status();
    if (current->status == QLatin1String(formstatus::Locked))
        return Status::error(ErrorCode::Locked, tr("This form is locked and cannot be changed. Ask a data "
                                                   "manager to unlock it."));
    if (Status e = checkUnlocked(write.subject, current->instanceId); !e)
        return e;
    if (current->version != expectedVersion)
        return Status::error(ErrorCode::Conflict,
                             tr("This form was changed by %1 at %2 after you opened it. Your changes were not "
                                "saved; reopen the form to see the current values.")
                                 .arg(current->updatedBy, current->updatedUtc));
    return current;
}

Result<QList<ClinicalData::ItemChange>> ClinicalData::changesOf(const study::Form &form, const FormData &current,
                                                                const FormValues &newValues, const SaveRequest &request,
                                                                QStringList &itemsNeedingReason)
{
    // What changes, and does every change of a saved value have a reason?
    QList<ItemChange> changes;
    for (const study::Item &item : form.items) {
        const auto b = current.values.constFind(item.oid);
        const auto a = newValues.constFind(item.oid);
        const ItemEntry *before = b == current.values.cend() ? nullptr : &*b;
        const ItemEntry *after = a == newValues.cend() ? nullptr : &*a;
        const ItemEntry empty;
        if ((before ? *before : empty) == (after ? *after : empty))
            continue;
        changes.append({&item, before, after});
        const bool wasSaved = before && (!before->value.isEmpty() || !before->missingReason.isEmpty());
        const bool valueChanged =
            (before ? before->value : QString()) != (after ? after->value : QString()) ||
            (before ? before->missingReason : QString()) != (after ? after->missingReason : QString());
        const QString reason = request.itemReasons.value(item.oid, request.reason).trimmed();
        if (wasSaved && valueChanged && !item.isComputed() && reason.isEmpty())
            itemsNeedingReason.append(item.oid);
    }
    if (!itemsNeedingReason.isEmpty())
        return Status::error(ErrorCode::ReasonRequired,
                             tr("A reason for change is required for saved values that change: %1.")
                                 .arg(itemsNeedingReason.join(QStringLiteral(", "))));
    return changes;
}

QString ClinicalData::statusAfterSave(const FormData &current, const QList<ItemChange> &changes, bool complete)
{
    QString newStatus =
        complete ? QString::fromLatin1(formstatus::Complete) : QString::fromLatin1(formstatus::Incomplete);
    // A signed or verified form keeps its status while what was signed or
    // verified (values and missing reasons) stays the same; any change of
    // content falls back to complete or incomplete.
    const bool contentChanges = std::any_of(changes.cbegin(), changes.cend(), [](const ItemChange &c) {
        const ItemEntry empty;
        const ItemEntry &b = c.before ? *c.before : empty;
        const ItemEntry &a = c.after ? *c.after : empty;
        return b.value != a.value || b.missingReason != a.missingReason;
    });
    if (!contentChanges && complete &&
        (current.status == QLatin1String(formstatus::Signed) || current.status == QLatin1String(formstatus::Verified)))
        newStatus = current.status;
    return newStatus;
}

Result<qint64> ClinicalData::writeInstance(const FormWrite &write, const FormData &current, const QString &newStatus,
                                           int &version)
{
    const FormKey &key = write.key;
    if (current.instanceId == 0) {
        Query ins(m_db, QStringLiteral("INSERT INTO form_instance (subject_id, event_oid, event_repeat, form_oid, "
                                       "form_repeat, status, version, definition_version, updated_utc, updated_by) "
                                       "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"));
        ins.bind(key.subjectId)
            .bind(key.eventOid)
            .bind(key.eventRepeat)
            .bind(key.formOid)
            .bind(key.formRepeat)
            .bind(newStatus)
            .bind(m_study.version)
            .bind(write.utc)
            .bind(write.actor.userName);
        if (Status e = ins.exec(); !e)
            return e;
        version = 1;
        return ins.lastInsertId().toLongLong();
    }
    Query upd(m_db, QStringLiteral("UPDATE form_instance SET status = ?, version = version + 1, "
                                   "updated_utc = ?, updated_by = ? WHERE id = ? AND version = ?"));
    upd.bind(newStatus).bind(write.utc).bind(write.actor.userName).bind(current.instanceId).bind(current.version);
    if (Status e = upd.exec(); !e)
        return e;
    if (upd.rowsAffected() != 1)
        return Status::error(ErrorCode::Conflict, tr("This form was changed by someone else; reopen it."));
    version = current.version + 1;
    return current.instanceId;
}

audit::AuditEvent ClinicalData::formEvent(const FormWrite &write, const QString &action, const QString &itemOid)
{
    audit::AuditEvent ev;
    ev.userName = write.actor.userName;
    ev.userRole = write.actor.role;
    ev.utc = write.utc;
    ev.siteOffsetMinutes = write.siteOffset;
    ev.action = action;
    ev.subjectKey = write.subject.key;
    ev.eventOid = write.key.eventOid;
    ev.eventRepeat = write.key.eventRepeat;
    ev.formOid = write.key.formOid;
    ev.formRepeat = write.key.formRepeat;
    ev.itemOid = itemOid;
    return ev;
}

Status ClinicalData::writeValues(const FormWrite &write, qint64 instanceId, const QList<ItemChange> &changes,
                                 const SaveRequest &request, QStringList &changedItems)
{
    for (const ItemChange &c : changes) {
        QString reason = request.itemReasons.value(c.item->oid, request.reason).trimmed();
        if (c.item->isComputed() && reason.isEmpty() && c.before)
            reason = tr("recomputed from changed inputs");
        Result<QString> valueEventId = auditItemChange(write, instanceId, c, reason, changedItems);
        if (!valueEventId)
            return valueEventId.status();
        if (Status e = storeItemEntry(instanceId, c, *valueEventId); !e)
            return e;
    }
    return Status::ok();
}

Result<QString> ClinicalData::auditItemChange(const FormWrite &write, qint64 instanceId, const ItemChange &c,
                                              const QString &reason, QStringList &changedItems)
{
    const QString oid = c.item->oid;
    QString valueEventId;
    Query prev(m_db, QStringLiteral("SELECT audit_event_id FROM item_value WHERE form_instance_id = ? AND "
                                    "item_oid = ?"));
    prev.bind(instanceId).bind(oid);
    if (Status e = prev.exec(); !e)
        return e;
    if (prev.next())
        valueEventId = prev.text(0);

    const std::optional<QString> oldValue = asOptional(c.before, &ItemEntry::value);
    const std::optional<QString> newValue = asOptional(c.after, &ItemEntry::value);
    if (oldValue != newValue) {
        audit::AuditEvent ev = formEvent(write, QString::fromLatin1(audit::action::ItemValue), oid);
        ev.oldValue = oldValue;
        ev.newValue = newValue;
        ev.reason = reason;
        ev.replacesEventId = valueEventId;
        Result<audit::AuditEvent> written = m_audit.append(ev);
        if (!written)
            return written.status();
        valueEventId = written->eventId;
        changedItems.append(oid);
    }
    const std::optional<QString> oldMissing = asOptional(c.before, &ItemEntry::missingReason);
    const std::optional<QString> newMissing = asOptional(c.after, &ItemEntry::missingReason);
    if (oldMissing != newMissing) {
        audit::AuditEvent ev = formEvent(write, QString::fromLatin1(audit::action::ItemMissingReason), oid);
        ev.oldValue = oldMissing;
        ev.newValue = newMissing;
        ev.reason = reason;
        Result<audit::AuditEvent> written = m_audit.append(ev);
        if (!written)
            return written.status();
        if (valueEventId.isEmpty())
            valueEventId = written->eventId;
        if (!changedItems.contains(oid))
            changedItems.append(oid);
    }
    const bool wasConfirmed = c.before && c.before->softConfirmed;
    const bool isConfirmed = c.after && c.after->softConfirmed;
    if (wasConfirmed != isConfirmed) {
        audit::AuditEvent ev = formEvent(write, QString::fromLatin1(audit::action::SoftLimitConfirmed), oid);
        ev.oldValue = wasConfirmed ? QStringLiteral("1") : QStringLiteral("0");
        ev.newValue = isConfirmed ? QStringLiteral("1") : QStringLiteral("0");
        ev.reason = reason;
        if (Status e = m_audit.append(ev).status(); !e)
            return e;
    }
    return valueEventId;
}

Status ClinicalData::storeItemEntry(qint64 instanceId, const ItemChange &c, const QString &valueEventId)
{
    const QString oid = c.item->oid;
    if (!c.after || (c.after->value.isEmpty() && c.after->missingReason.isEmpty())) {
        Query del(m_db, QStringLiteral("DELETE FROM item_value WHERE form_instance_id = ? AND item_oid = ?"));
        del.bind(instanceId).bind(oid);
        if (Status e = del.exec(); !e)
            return e;
    } else {
        Query put(m_db,
                  QStringLiteral("INSERT INTO item_value (form_instance_id, item_oid, value, missing_reason, "
                                 "soft_confirmed, audit_event_id) VALUES (?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (form_instance_id, item_oid) DO UPDATE SET value = excluded.value, "
                                 "missing_reason = excluded.missing_reason, soft_confirmed = excluded.soft_confirmed, "
                                 "audit_event_id = excluded.audit_event_id"));
        put.bind(instanceId)
            .bind(oid)
            .bind(c.after->value)
            .bind(c.after->missingReason)
            .bind(c.after->softConfirmed ? 1 : 0)
            .bind(valueEventId);
        if (Status e = put.exec(); !e)
            return e;
    }
    return Status::ok();
}

Status ClinicalData::applyChangedContent(const FormWrite &write, qint64 instanceId, const QStringList &changedItems)
{
    if (Status e = clearVerification(write.actor, write.subject, write.key, instanceId, changedItems, write.utc); !e)
        return e;
    if (Status e = breakSignatures(write.actor, write.subject, write.key, instanceId, changedItems, write.utc); !e)
        return e;
    return breakCasebookSignatures(write.actor, write.subject, write.key, changedItems, write.utc);
}

Status ClinicalData::checkUnlocked(const Subject &subject, qint64 formInstanceId) const
{
    Query q(m_db, QStringLiteral("SELECT scope, locked_by, utc FROM data_lock WHERE scope = 'study' OR "
                                 "(scope = 'subject' AND target = ?) OR (scope = 'form' AND target = ?) "
                                 "ORDER BY CASE scope WHEN 'study' THEN 0 WHEN 'subject' THEN 1 ELSE 2 END"));
    q.bind(subject.id > 0 ? QString::number(subject.id) : QStringLiteral("-"))
        .bind(formInstanceId > 0 ? QString::number(formInstanceId) : QStringLiteral("-"));
    if (Status s = q.exec(); !s)
        return s;
    if (!q.next())
        return Status::ok();
    const QString scope = q.text(0);
    const QString by = q.text(1);
    const QString when = q.text(2).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
    if (scope == QLatin1String("study"))
        return Status::error(ErrorCode::Locked, tr("The study database was locked by %1 on %2 UTC: no data can "
                                                   "change. Ask a data manager to unlock it.")
                                                    .arg(by, when));
    if (scope == QLatin1String("subject"))
        return Status::error(ErrorCode::Locked, tr("Subject %1 was locked by %2 on %3 UTC and cannot be changed. Ask "
                                                   "a data manager to unlock it.")
                                                    .arg(subject.key, by, when));
    return Status::error(ErrorCode::Locked,
                         tr("This form was locked by %1 on %2 UTC and cannot be changed. Ask a data manager to unlock "
                            "it.")
                             .arg(by, when));
}

int ClinicalData::siteUtcOffset(const QString &siteOid) const
{
    return siteOffset(siteOid);
}

Status ClinicalData::clearVerification(const Actor &actor, const Subject &subject, const FormKey &key,
                                       qint64 instanceId, const QStringList &items, const QString &nowUtc)
{
    for (const QString &oid : items) {
        Query q(m_db, QStringLiteral("SELECT verified_by, utc FROM sdv WHERE form_instance_id = ? AND item_oid = ?"));
        q.bind(instanceId).bind(oid);
        if (Status e = q.exec(); !e)
            return e;
        if (!q.next())
            continue;
        const QString before = QStringLiteral("verified_by=%1;utc=%2").arg(q.text(0), q.text(1));
        Query del(m_db, QStringLiteral("DELETE FROM sdv WHERE form_instance_id = ? AND item_oid = ?"));
        del.bind(instanceId).bind(oid);
        if (Status e = del.exec(); !e)
            return e;
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.utc = nowUtc;
        ev.siteOffsetMinutes = siteOffset(subject.siteOid);
        ev.action = QString::fromLatin1(audit::action::SdvCleared);
        ev.subjectKey = subject.key;
        ev.eventOid = key.eventOid;
        ev.eventRepeat = key.eventRepeat;
        ev.formOid = key.formOid;
        ev.formRepeat = key.formRepeat;
        ev.itemOid = oid;
        ev.oldValue = before;
        ev.reason = QStringLiteral("the verified value changed");
        if (Status e = m_audit.append(ev).status(); !e)
            return e;
    }
    return Status::ok();
}

Status ClinicalData::breakSignatures(const Actor &actor, const Subject &subject, const FormKey &key, qint64 instanceId,
                                     const QStringList &items, const QString &nowUtc)
{
    auto valid = validSignatures(m_db,
                                 QStringLiteral("SELECT id, signer, meaning, content_hash FROM signature "
                                                "WHERE form_instance_id = ? AND status = 'valid' ORDER BY id"),
                                 instanceId);
    if (!valid)
        return valid.status();
    for (const ValidSignature &v : std::as_const(*valid)) {
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.utc = nowUtc;
        ev.siteOffsetMinutes = siteOffset(subject.siteOid);
        ev.action = QString::fromLatin1(audit::action::SignatureBroken);
        ev.subjectKey = subject.key;
        ev.eventOid = key.eventOid;
        ev.eventRepeat = key.eventRepeat;
        ev.formOid = key.formOid;
        ev.formRepeat = key.formRepeat;
        ev.oldValue = QStringLiteral("signer=%1;%2").arg(v.signer, audit::signatureEventValue(v.meaning, v.hash));
        ev.newValue = QStringLiteral("broken");
        ev.reason = QStringLiteral("signed content changed: %1").arg(items.join(QStringLiteral(", ")));
        Result<audit::AuditEvent> written = m_audit.append(ev);
        if (!written)
            return written.status();
        Query upd(m_db, QStringLiteral("UPDATE signature SET status = 'broken', broken_event_id = ? WHERE id = ?"));
        upd.bind(written->eventId).bind(v.id);
        if (Status e = upd.exec(); !e)
            return e;
    }
    return Status::ok();
}

Status ClinicalData::breakCasebookSignatures(const Actor &actor, const Subject &subject, const FormKey &key,
                                             const QStringList &items, const QString &nowUtc)
{
    auto valid = validSignatures(m_db,
                                 QStringLiteral("SELECT id, signer, meaning, content_hash FROM casebook_signature "
                                                "WHERE subject_id = ? AND status = 'valid' ORDER BY id"),
                                 subject.id);
    if (!valid)
        return valid.status();
    const QString where = key.eventRepeat == 1 && key.formRepeat == 1
                              ? QStringLiteral("%1/%2").arg(key.eventOid, key.formOid)
                              : QStringLiteral("%1[%2]/%3[%4]")
                                    .arg(key.eventOid)
                                    .arg(key.eventRepeat)
                                    .arg(key.formOid)
                                    .arg(key.formRepeat);
    for (const ValidSignature &v : std::as_const(*valid)) {
        audit::AuditEvent ev;
        ev.userName = actor.userName;
        ev.userRole = actor.role;
        ev.utc = nowUtc;
        ev.siteOffsetMinutes = siteOffset(subject.siteOid);
        ev.action = QString::fromLatin1(audit::action::SignatureBroken);
        ev.subjectKey = subject.key;
        ev.oldValue =
            QStringLiteral("casebook;signer=%1;%2").arg(v.signer, audit::signatureEventValue(v.meaning, v.hash));
        ev.newValue = QStringLiteral("broken");
        ev.reason =
            QStringLiteral("signed casebook content changed: %1: %2").arg(where, items.join(QStringLiteral(", ")));
        Result<audit::AuditEvent> written = m_audit.append(ev);
        if (!written)
            return written.status();
        Query upd(m_db,
                  QStringLiteral("UPDATE casebook_signature SET status = 'broken', broken_event_id = ? WHERE id = ?"));
        upd.bind(written->eventId).bind(v.id);
        if (Status e = upd.exec(); !e)
            return e;
    }
    return Status::ok();
}

} // namespace cellcrf::records
