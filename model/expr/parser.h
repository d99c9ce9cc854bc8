#pragma once

// A recursive-descent parser over the tokens of lexer.h; one function per grammar
// rule of resources/studies/EXPRESSIONS.md. It also checks the types it can know
// without the study (literals, function results) so that `'a' < 3` fails at load time.

#include "expr/ast.h"

namespace cellcrf::expr {

Result<NodePtr> parseExpression(const QString &source);

} // namespace cellcrf::expr
