#pragma once

// CsvWriter writes RFC 4180 CSV in UTF-8 (CRLF line ends, fields quoted only
// when they must be). Files meant to be opened in a spreadsheet also get the
// formula-injection guard of EXCHANGE.md §4; the raw REDCap file does not, so
// that it re-imports exactly.

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QStringList>

class QIODevice;

namespace cellcrf::exchange {

class CsvWriter
{
public:
    struct Options
    {
        bool bom = false;          // Excel on Chinese Windows needs it to read UTF-8
        bool formulaGuard = false; // prefix formula-like text with '
    };

    CsvWriter(QIODevice &device, Options options);

    // Writes one record; false when the device refused the bytes.
    bool writeRow(const QStringList &fields);
    qint64 rowCount() const { return m_rows; }
    // SHA-256 (hex) of every byte written so far, BOM included.
    QString sha256() const;

    // A field as it appears in the file: quoted when it holds a comma, a quote,
    // CR or LF (or leading/trailing spaces), quotes doubled.
    static QString quote(const QString &field);
    // Whether a spreadsheet would run `text` as a formula: it starts with =, +,
    // -, @, tab or CR and is not a plain number.
    static bool looksLikeFormula(const QString &text);
    static QString guardFormula(const QString &text);
    // Parses CSV text (BOM skipped) back into records; for tests and imports.
    static QList<QStringList> parse(const QByteArray &bytes);

private:
    bool write(const QByteArray &bytes);
    static bool needsQuotes(QStringView field);
    // Appends `field` as it appears in the file (see quote()).
    static void appendField(QString &line, QStringView field);

    QIODevice &m_device;
    Options m_options;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_rows = 0;
    bool m_started = false;
    QString m_line;
};

} // namespace cellcrf::exchange
