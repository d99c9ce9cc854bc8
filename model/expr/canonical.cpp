#include "expr/canonical.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cellcrf::expr::canonical {

namespace {
bool allDigits(QStringView text)
{
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !text.isEmpty();
}
} // namespace

std::optional<QDate> parseDate(const QString &text)
{
    if (text.size() != 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return std::nullopt;
    const QStringView view(text);
    if (!allDigits(view.mid(0, 4)) || !allDigits(view.mid(5, 2)) || !allDigits(view.mid(8, 2)))
        return std::nullopt;
    const QDate date(view.mid(0, 4).toInt(), view.mid(5, 2).toInt(), view.mid(8, 2).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date;
}

bool isPartialDate(const QString &text)
{
    const QStringView view(text);
    if (text.size() == 4)
        return allDigits(view);
    if (text.size() == 7 && text.at(4) == u'-' && allDigits(view.mid(0, 4)) && allDigits(view.mid(5, 2))) {
        const int month = view.mid(5, 2).toInt();
        return month >= 1 && month <= 12;
    }
    return false;
}

std::optional<QTime> parseTime(const QString &text)
{
    if (text.size() != 5 || text.at(2) != u':')
        return std::nullopt;
    const QStringView view(text);
    if (!allDigits(view.mid(0, 2)) || !allDigits(view.mid(3, 2)))
        return std::nullopt;
    const int hours = view.mid(0, 2).toInt();
    const int minutes = view.mid(3, 2).toInt();
    if (hours > 23 || minutes > 59)
        return std::nullopt;
    return QTime(hours, minutes);
}

std::optional<QDateTime> parseDateTime(const QString &text)
{
    if (text.size() != 16 || text.at(10) != u'T')
        return std::nullopt;
    const auto date = parseDate(text.left(10));
    const auto time = parseTime(text.mid(11));
    if (!date || !time)
        return std::nullopt;
    return QDateTime(*date, *time, Qt::UTC);
}

std::optional<double> parseNumber(const QString &text)
{
    static const QRegularExpression pattern(u"^-?[0-9]+(\\.[0-9]+)?$"_s);
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QString formatNumber(double value)
{
    if (!std::isfinite(value))
        return {};
    // 15 significant digits hide binary noise (0.1 + 0.2 stores as 0.3).
    QString text = QString::number(value, 'g', 15);
    if (text.contains(u'e')) {
        text = QString::number(value, 'f', 10);
        if (text.contains(u'.')) {
            while (text.endsWith(u'0'))
                text.chop(1);
            if (text.endsWith(u'.'))
                text.chop(1);
        }
    }
    if (text == u"-0"_s)
        text = u"0"_s;
    return text;
}

QString formatDate(const QDate &date)
{
    return date.toString(u"yyyy-MM-dd"_s);
}

QString formatTime(const QTime &time)
{
    return time.toString(u"HH:mm"_s);
}

QString formatDateTime(const QDateTime &dateTime)
{
    return dateTime.toString(u"yyyy-MM-ddTHH:mm"_s);
}

} // namespace cellcrf::expr::canonical
