#pragma once

// How every printed document of the study is laid out and written: an HTML
// body laid out by QTextDocument on A4 pages inside fixed margins, and a frame
// painted around it on each page (the study and protocol at the top, the
// generation time, the file name and "Page X of Y" at the bottom). A document
// with a table of contents is laid out twice: the first layout finds the page
// of every named anchor, the second prints the contents with those numbers.
//
// The page is measured in CSS pixels (1/96 inch) by printing at 96 dots per
// inch, so that the widths, paddings and borders of the HTML mean what they say.

#include "core/result.h"
#include "exchange/exportcommon.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>

class QIODevice;
class QTextDocument;

namespace cellcrf::pdf {

// What the frame of every page shows.
struct PageFrame
{
    QString headerLeft;  // study name and protocol
    QString headerRight; // what the document is
    QString fileName;    // the file's own name, so a printed page says where it came from
    QString generated;   // "Generated 2026-11-21 09:00 UTC by dana (data manager)"
    QString identity;    // what the file is made from: study, definition version, program
    QString title;       // the PDF's document title
};

// Builds the body from the page numbers of its anchors ("form-dm" -> 4); at the
// first pass the map is empty.
using HtmlBuilder = std::function<QString(const QHash<QString, int> &anchorPages)>;

// The body's text width and height on an A4 page, in CSS pixels.
QSizeF bodySize();

// A document with the fonts and the style sheet the PDFs use, laid out without
// pages (for tests that read its text).
std::unique_ptr<QTextDocument> makeDocument(const QString &html);

// Lays out the HTML on pages and writes the PDF to `out`. Returns the number of
// pages. `cancelled` is polled between pages; a cancel returns ErrorCode::Cancelled.
Result<int> writePdf(const HtmlBuilder &build, const PageFrame &frame, QIODevice &out,
                     const exchange::CancelCheck &cancelled = {});

// Escapes text for the HTML body.
QString html(const QString &text);

} // namespace cellcrf::pdf
