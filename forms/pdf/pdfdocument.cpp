#include "pdfdocument.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace cellcrf::pdf {

namespace {

// lupdate files the tr() calls of this namespace under "cellcrf::pdf".
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::pdf", text);
}

constexpr double Dpi = 96.0;
constexpr double Mm = Dpi / 25.4;

// Body margins of every page: room for the frame above and below.
QMarginsF bodyMargins()
{
    return {16 * Mm, 20 * Mm, 16 * Mm, 18 * Mm};
}

QSizeF pageSize()
{
    return QPageSize(QPageSize::A4).size(QPageSize::Inch) * Dpi;
}

// DejaVu (TrueType) for Latin text, whose characters stay searchable and
// copyable in the PDF; Noto CJK for Chinese. Qt falls back glyph by glyph.
QFont documentFont(double points, bool mono = false)
{
    QFont f;
    if (mono)
        f.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC"),
                       QStringLiteral("Noto Sans CJK SC")});
    else
        f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPointSizeF(points);
    return f;
}

// What QTextDocument understands of CSS: colours, fonts, margins, table cell
// padding and borders, page breaks.
QString styleSheet()
{
    return QStringLiteral(
        "body { font-size: 8.5pt; color: #1a1a1a; }"
        "h1 { font-size: 20pt; font-weight: 600; margin-top: 0px; margin-bottom: 6px; color: #14365f; }"
        "h2 { font-size: 13pt; font-weight: 600; margin-top: 0px; margin-bottom: 4px; color: #14365f; }"
        "h3 { font-size: 10.5pt; font-weight: 600; margin-top: 10px; margin-bottom: 4px; color: #14365f; }"
        "p { margin-top: 0px; margin-bottom: 4px; }"
        ".sub { color: #5a6470; font-size: 8pt; }"
        ".zh { color: #5a6470; font-size: 8pt; }"
        ".note { color: #5a6470; font-size: 8pt; }"
        ".ann { color: #1b4f9c; font-size: 7.5pt; }"
        ".var { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace; font-size: 7.5pt; "
        "color: #1b4f9c; font-weight: 600; }"
        ".mono { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace; font-size: 7.5pt; }"
        ".ok { color: #1e6b34; font-weight: 600; }"
        ".bad { color: #a11d1d; font-weight: 600; }"
        ".warn { color: #8a5a00; }"
        ".tag { color: #6b3fa0; font-size: 7.5pt; }"
        "table.grid { border-collapse: collapse; border-color: #9aa3ad; border-style: solid; }"
        "table.grid td, table.grid th { border-color: #9aa3ad; border-style: solid; }"
        "th { background-color: #e8edf3; font-weight: 600; text-align: left; }"
        "td.section { background-color: #f3f5f8; font-weight: 600; color: #14365f; }"
        "table.box { border-collapse: collapse; border-color: #1b4f9c; border-style: solid; "
        "background-color: #edf3fc; }");
}

std::unique_ptr<QTextDocument> newDocument(const QString &body, QPaintDevice *device)
{
    auto doc = std::make_unique<QTextDocument>();
    if (device)
        doc->documentLayout()->setPaintDevice(device);
    doc->setDocumentMargin(0);
    doc->setDefaultFont(documentFont(8.5));
    doc->setDefaultStyleSheet(styleSheet());
    doc->setHtml(body);
    return doc;
}

// The page (from 1) of every named anchor in the laid out document.
QHash<QString, int> anchorPages(const QTextDocument &doc)
{
    QHash<QString, int> pages;
    const double height = doc.pageSize().height();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QStringList names = it.fragment().charFormat().anchorNames();
            if (names.isEmpty())
                continue;
            // The middle of the first line: the block's own rectangle starts before a page break.
            const QTextLayout *layout = b.layout();
            double y = doc.documentLayout()->blockBoundingRect(b).top();
            if (layout && layout->lineCount() > 0) {
                const QTextLine line = layout->lineAt(0);
                y = layout->position().y() + line.y() + line.height() / 2;
            }
            const int page = int(y / height) + 1;
            for (const QString &name : names)
                pages.insert(name, page);
        }
    }
    return pages;
}

void paintFrame(QPainter &painter, const PageFrame &frame, int page, int pages)
{
    const QSizeF full = pageSize();
    const QMarginsF m = bodyMargins();
    const double width = full.width() - m.left() - m.right();
    const QFont small = documentFont(7.5);
    const QFontMetricsF fm(small, painter.device());
    painter.save();
    painter.setFont(small);
    painter.setPen(QColor(0x5a, 0x64, 0x70));

    // Header: study and protocol at the left, the document at the right, a rule below.
    const double headerBase = m.top() - 6 * Mm;
    const QString right = fm.elidedText(frame.headerRight, Qt::ElideMiddle, width * 0.45);
    const QString left = fm.elidedText(frame.headerLeft, Qt::ElideRight, width - fm.horizontalAdvance(right) - 4 * Mm);
    painter.drawText(QPointF(m.left(), headerBase), left);
    painter.drawText(QPointF(m.left() + width - fm.horizontalAdvance(right), headerBase), right);
    painter.setPen(QPen(QColor(0x9a, 0xa3, 0xad), 0.6));
    painter.drawLine(QPointF(m.left(), headerBase + 2 * Mm), QPointF(m.left() + width, headerBase + 2 * Mm));

    // Footer: a rule, then the generation and the file on the left, the page on the right.
    const double footerTop = full.height() - m.bottom() + 5 * Mm;
    painter.drawLine(QPointF(m.left(), footerTop), QPointF(m.left() + width, footerTop));
    painter.setPen(QColor(0x5a, 0x64, 0x70));
    const QString pageText = tr("Page %1 of %2").arg(page).arg(pages);
    const double leftWidth = width - fm.horizontalAdvance(pageText) - 6 * Mm;
    painter.drawText(QPointF(m.left(), footerTop + 4 * Mm), fm.elidedText(frame.generated, Qt::ElideRight, leftWidth));
    painter.drawText(QPointF(m.left(), footerTop + 4 * Mm + fm.lineSpacing()),
                     fm.elidedText(frame.identity.isEmpty()
                                       ? frame.fileName
                                       : frame.fileName + QStringLiteral(" \u00b7 ") + frame.identity,
                                   Qt::ElideMiddle, leftWidth));
    QFont bold = small;
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QPointF(m.left() + width - QFontMetricsF(bold, painter.device()).horizontalAdvance(pageText),
                             footerTop + 4 * Mm),
                     pageText);
    painter.restore();
}

} // namespace

QSizeF bodySize()
{
    const QSizeF full = pageSize();
    const QMarginsF m = bodyMargins();
    return {full.width() - m.left() - m.right(), full.height() - m.top() - m.bottom()};
}

std::unique_ptr<QTextDocument> makeDocument(const QString &body)
{
    return newDocument(body, nullptr);
}

Result<int> writePdf(const HtmlBuilder &build, const PageFrame &frame, QIODevice &out,
                     const exchange::CancelCheck &cancelled)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Status::error(ErrorCode::InvalidInput,
                             tr("PDF documents need the graphical part of Qt (QGuiApplication); none is running."));

    QPdfWriter writer(&out);
    // PDF/A-1b: the archival form, with every font embedded.
    writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
    writer.setResolution(int(Dpi));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setTitle(frame.title);
    writer.setCreator(QStringLiteral("CellCRF %1").arg(QStringLiteral(CELLCRF_VERSION)));

    // Lay out until the contents stop moving (twice in practice: numbers do not change line breaks).
    QHash<QString, int> pages;
    std::unique_ptr<QTextDocument> doc;
    for (int pass = 0; pass < 3; ++pass) {
        doc = newDocument(build(pages), &writer);
        doc->setPageSize(bodySize());
        const QHash<QString, int> found = anchorPages(*doc);
        if (found == pages)
            break;
        pages = found;
    }

    const int pageCount = doc->pageCount();
    const QSizeF body = bodySize();
    const QMarginsF m = bodyMargins();
    QPainter painter;
    if (!painter.begin(&writer))
        return Status::error(ErrorCode::Io, tr("Cannot start the PDF document."));
    for (int page = 0; page < pageCount; ++page) {
        if (cancelled && cancelled()) {
            painter.end();
            return Status::error(ErrorCode::Cancelled, tr("The export was cancelled."));
        }
        if (page > 0)
            writer.newPage();
        paintFrame(painter, frame, page + 1, pageCount);
        painter.save();
        painter.translate(m.left(), m.top() - page * body.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, page * body.height(), body.width(), body.height());
        painter.setClipRect(context.clip);
        doc->documentLayout()->draw(&painter, context);
        painter.restore();
    }
    if (!painter.end())
        return Status::error(ErrorCode::Io, tr("Cannot finish the PDF document."));
    return pageCount;
}

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace cellcrf::pdf
