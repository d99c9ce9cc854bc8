#pragma once

// Who is acting: every write in the model names the person and the role they act
// in, so that each audit event is attributable (21 CFR Part 11 §11.10(e)).

#include <QString>
#include <QStringList>

namespace cellcrf {

struct Actor
{
    QString userName;
    QString fullName;
    QString role;         // nurse, investigator, monitor, data_manager, administrator, system
    QStringList siteOids; // sites this person may see; empty means every site

    bool mayAccessSite(const QString &siteOid) const { return siteOids.isEmpty() || siteOids.contains(siteOid); }
};

} // namespace cellcrf
