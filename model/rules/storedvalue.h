#pragma once

// The bridge between the stored text of an item and a value of the expression
// language. The expression language knows no study, so what an item's type
// means for its value (a YesNo item stores "1" or "0", an Integer rounds, a
// partial date is text) is decided here, where the definitions are known.

#include "expr/expression.h"
#include "study/study.h"

namespace cellcrf::rules {

// Converts the canonical stored text of an item to a value of its type
// (partial dates become blank for arithmetic). An empty text is null.
expr::Value valueFromStored(const study::Item &item, const QString &text);

// Canonical stored text of a value for an item of the given type; for
// Calculated and Derived the value's own type decides. Null gives an empty text.
QString storedText(const expr::Value &value, study::ItemType type);

} // namespace cellcrf::rules
