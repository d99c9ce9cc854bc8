#pragma once

// The values of one form instance as the store and the rules see them: item oid
// to the canonical text of its value (see study::ItemType) and, apart from the
// value, the reason it is missing.

#include <QMap>
#include <QString>

namespace cellcrf {

struct ItemEntry
{
    QString value;              // canonical text; empty means blank
    QString missingReason;      // ND (not done), UNK (unknown), NA (not applicable), or empty
    bool softConfirmed = false; // the user confirmed a value outside its soft limits

    bool isBlank() const { return value.isEmpty(); }
    friend bool operator==(const ItemEntry &, const ItemEntry &) = default;
};

using FormValues = QMap<QString, ItemEntry>;

} // namespace cellcrf
