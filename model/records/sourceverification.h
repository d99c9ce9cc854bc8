#pragma once

// SourceVerification records that a monitor compared an item's stored value
// with the source document (ICH E6 5.18.4). A mark covers the value as it is;
// ClinicalData::saveForm clears it when the value changes, audited. When every
// item holding data on a complete form is verified, the form shows as verified.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"

namespace cellcrf {
class Clock;
}

namespace cellcrf::records {

struct VerificationMark
{
    QString itemOid;
    QString verifiedBy;
    QString utc;
};

class SourceVerification
{
public:
    SourceVerification(ClinicalData &data, const Clock &clock);

    // Needs Operation::Verify. Each item must hold a value or a missing reason;
    // items already verified are left as they are.
    Status verifyItems(const Actor &actor, const FormKey &key, const QStringList &itemOids);
    // Every item of the form that holds data.
    Status verifyForm(const Actor &actor, const FormKey &key);
    Result<QList<VerificationMark>> marks(const Actor &actor, const FormKey &key) const;

private:
    ClinicalData &m_data;
    const Clock &m_clock;
};

} // namespace cellcrf::records
