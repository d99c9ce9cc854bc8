#pragma once

// The PDF export of a study: the annotated blank CRF (annotatedcrf.h) and one
// casebook per subject (casebook.h), written into a folder with a manifest of
// their SHA-256 hashes, following the conventions of every export
// (exchange/exportcommon.h): only a role with the export right exports, the
// files appear only when all of them are complete (a refused, failed or
// cancelled export leaves nothing behind), and the export is an audit event
// naming each file and its hash.
//
// Painting needs a QGuiApplication (the offscreen platform is enough);
// cellcrf-cli creates one for `export pdf` only.

#include "exchange/exportcommon.h"

namespace cellcrf::records {
class ClinicalData;
}

namespace cellcrf::pdf {

struct PdfExportOptions
{
    bool crf = false;                      // the annotated blank CRF
    bool casebooks = false;                // one casebook per subject
    QStringList subjects;                  // casebooks of these subject keys; empty: every subject of the chosen sites
    QStringList sites;                     // empty: every site the actor may see
    QStringList forms;                     // the blank CRF of these forms only; empty: every form
    QString locale = QStringLiteral("en"); // the main language of labels; others are printed below
};

// Writes <STUDY>_annotated_crf_<stamp>.pdf, <STUDY>_casebook_<subject>_<stamp>.pdf
// per subject and <STUDY>_pdf_manifest.json into `directory`. Progress counts documents.
Result<exchange::ExportResult> exportPdf(const exchange::ExportContext &context, records::ClinicalData &data,
                                         const PdfExportOptions &options, const QString &directory,
                                         const exchange::Progress &progress = {},
                                         const exchange::CancelCheck &cancelled = {});

} // namespace cellcrf::pdf
