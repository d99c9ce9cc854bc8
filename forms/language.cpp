#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace cellcrf::forms {

Language::Language(QObject *parent)
    : QObject(parent)
    , m_qt(new QTranslator(this))
    , m_app(new QTranslator(this))
{}

Language::~Language() = default;

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::displayName(const QString &locale)
{
    if (locale == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

void Language::use(const QString &locale)
{
    if (locale == m_current)
        return;
    QCoreApplication::removeTranslator(m_app);
    QCoreApplication::removeTranslator(m_qt);
    if (locale != QLatin1String("en")) {
        if (m_qt->load(QLocale(locale), QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
        if (m_app->load(QStringLiteral(":/i18n/cellcrf_%1.qm").arg(locale)))
            QCoreApplication::installTranslator(m_app);
    }
    m_current = locale;
    QLocale::setDefault(QLocale(locale == QLatin1String("en") ? QStringLiteral("en_GB") : locale));
    Q_EMIT changed(locale);
}

} // namespace cellcrf::forms
