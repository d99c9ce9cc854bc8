#pragma once

// The record-level actions a form view offers beside data entry (source data
// verification, signing, locking, queries), as thin calls into model/auth so
// that every check stays in the model.

#include "core/actor.h"
#include "core/result.h"
#include "store/clinicaldata.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace cellcrf {
class Clock;
namespace auth {
class AuthService;
class DataLocks;
class Queries;
class Signatures;
class SourceVerification;
} // namespace auth
} // namespace cellcrf

namespace cellcrf::forms {

class RecordActions
{
    Q_DISABLE_COPY_MOVE(RecordActions)

public:
    RecordActions(store::ClinicalData &data, auth::AuthService &auth, const Clock &clock);
    ~RecordActions();

    Status verifyForm(const Actor &actor, const store::FormKey &key);
    // meaning: "authored", "reviewed" or "approved".
    Status signForm(const Actor &actor, const store::FormKey &key, const QString &meaning, const QString &password,
                    int version);
    Status lockForm(const Actor &actor, const store::FormKey &key);
    Status unlockForm(const Actor &actor, const store::FormKey &key, const QString &reason);
    Status openQuery(const Actor &actor, const store::FormKey &key, const QString &itemOid, const QString &text);
    // Open (not closed) queries per subject id, for the subject list.
    QHash<qint64, int> openQueriesBySubject(const Actor &actor) const;
    // Subject id -> the events that have an open query.
    QHash<qint64, QSet<QString>> openQueryEvents(const Actor &actor) const;
    // Open queries of one form, per item.
    QHash<QString, int> openQueriesByItem(const Actor &actor, const store::FormKey &key) const;

private:
    std::unique_ptr<auth::DataLocks> m_locks;
    std::unique_ptr<auth::Queries> m_queries;
    std::unique_ptr<auth::Signatures> m_signatures;
    std::unique_ptr<auth::SourceVerification> m_sdv;
};

} // namespace cellcrf::forms
