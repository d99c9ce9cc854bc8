#pragma once

// Internal to model/clinical: the translation context for the reasons and error
// messages the derivations produce (they are read by nurses and investigators,
// so they go through tr() like every visible string), and number formatting that
// shows exactly the precision a rule was decided on.

#include <QCoreApplication>
#include <QString>

#include <cmath>

namespace cellcrf::clinical {

class ClinicalText
{
    Q_DECLARE_TR_FUNCTIONS(ClinicalText)
};

// Shortest plain form of a number ("6", "6.5", "0.85"); never scientific for the
// magnitudes the derivations handle.
inline QString plainNumber(double value, int maxDecimals = 3)
{
    QString text = QString::number(value, 'f', maxDecimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

// Temperatures read "38.0" rather than "38" so the threshold comparison is
// visibly made on the recorded tenth, and keep a second decimal if one was entered.
inline QString temperatureText(double celsius)
{
    const double tenths = celsius * 10.0;
    if (std::abs(tenths - std::round(tenths)) < 1e-9)
        return QString::number(celsius, 'f', 1);
    return plainNumber(celsius, 2);
}

// Rounds for output only; every computation uses the unrounded value.
inline double roundTo(double value, int decimals)
{
    const double factor = std::pow(10.0, decimals);
    return std::round(value * factor) / factor;
}

} // namespace cellcrf::clinical
