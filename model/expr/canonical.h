#pragma once

// The canonical text forms values are stored in (DESIGN.md section 2), shared by
// the expression language and the validator so that both read a date or a number
// in exactly the same way.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>

#include <optional>

namespace cellcrf::expr::canonical {

// YYYY-MM-DD and a real calendar day.
std::optional<QDate> parseDate(const QString &text);
// YYYY or YYYY-MM with a month 01..12: a date whose day (and maybe month) is unknown.
bool isPartialDate(const QString &text);
// HH:MM, 00:00..23:59.
std::optional<QTime> parseTime(const QString &text);
// YYYY-MM-DDTHH:MM. Wall-clock time; kept as UTC so that no daylight-saving gap
// makes a recorded time invalid.
std::optional<QDateTime> parseDateTime(const QString &text);
// Plain decimal notation: optional '-', digits, optional '.' and digits. No '+',
// no exponent, no thousands separator, so a stored number has one spelling.
std::optional<double> parseNumber(const QString &text);

// Shortest plain text of a number: 97.2, 2, -0.5 (never an exponent, never "-0").
QString formatNumber(double value);
QString formatDate(const QDate &date);
QString formatTime(const QTime &time);
QString formatDateTime(const QDateTime &dateTime);

} // namespace cellcrf::expr::canonical
