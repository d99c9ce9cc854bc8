#pragma once

// The interface language: Qt's own translations and CellCRF's, swapped at run
// time. Installing a translator sends QEvent::LanguageChange to every widget,
// which retranslates itself.

#include <QObject>
#include <QStringList>

class QTranslator;

namespace cellcrf::forms {

class Language final : public QObject
{
    Q_OBJECT

public:
    explicit Language(QObject *parent = nullptr);
    ~Language() override;

    static QStringList available(); // "en", "zh_CN"
    static QString displayName(const QString &locale);
    QString current() const { return m_current; }
    // Installs the translators of `locale` ("en" removes them).
    void use(const QString &locale);

Q_SIGNALS:
    void changed(const QString &locale);

private:
    QString m_current = QStringLiteral("en");
    QTranslator *m_qt = nullptr;
    QTranslator *m_app = nullptr;
};

} // namespace cellcrf::forms
