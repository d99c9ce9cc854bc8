#include "exchange/csvwriter.h"

#include <QIODevice>
#include <QRegularExpression>

namespace cellcrf::exchange {

CsvWriter::CsvWriter(QIODevice &device, Options options)
    : m_device(device)
    , m_options(options)
{}

bool CsvWriter::write(const QByteArray &bytes)
{
    m_hash.addData(bytes);
    return m_device.write(bytes) == bytes.size();
}

bool CsvWriter::writeRow(const QStringList &fields)
{
    if (!m_started) {
        m_started = true;
        if (m_options.bom && !write(QByteArrayLiteral("\xEF\xBB\xBF")))
            return false;
    }
    // One line buffer for every row: most cells of a wide file are empty or
    // plain, and cost no more than a copy.
    m_line.resize(0);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_line += QLatin1Char(',');
        const QString &field = fields.at(i);
        if (field.isEmpty())
            continue;
        if (m_options.formulaGuard && looksLikeFormula(field))
            appendField(m_line, QLatin1Char('\'') + field);
        else
            appendField(m_line, field);
    }
    m_line += QLatin1String("\r\n");
    ++m_rows;
    return write(m_line.toUtf8());
}

QString CsvWriter::sha256() const
{
    return QString::fromLatin1(m_hash.result().toHex());
}

bool CsvWriter::needsQuotes(QStringView field)
{
    if (field.isEmpty())
        return false;
    if (field.front().isSpace() || field.back().isSpace())
        return true;
    for (const QChar c : field) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\n' || u == u'\r')
            return true;
    }
    return false;
}

void CsvWriter::appendField(QString &line, QStringView field)
{
    if (!needsQuotes(field)) {
        line += field;
        return;
    }
    line += QLatin1Char('"');
    for (const QChar c : field) {
        if (c == QLatin1Char('"'))
            line += QLatin1Char('"');
        line += c;
    }
    line += QLatin1Char('"');
}

QString CsvWriter::quote(const QString &field)
{
    if (!needsQuotes(field))
        return field;
    QString q;
    appendField(q, field);
    return q;
}

bool CsvWriter::looksLikeFormula(const QString &text)
{
    if (text.isEmpty())
        return false;
    const QChar c = text.front();
    if (c != QLatin1Char('=') && c != QLatin1Char('+') && c != QLatin1Char('-') && c != QLatin1Char('@') &&
        c != QLatin1Char('\t') && c != QLatin1Char('\r'))
        return false;
    // "-3.5" or "+12" are numbers a spreadsheet reads as numbers, not formulas.
    static const QRegularExpression number(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    return !number.match(text).hasMatch();
}

QString CsvWriter::guardFormula(const QString &text)
{
    return looksLikeFormula(text) ? QLatin1Char('\'') + text : text;
}

QList<QStringList> CsvWriter::parse(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        any = true;
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            inQuotes = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (any) {
        record << field;
        records << record;
    }
    return records;
}

} // namespace cellcrf::exchange
