#include "exportdialog.h"

#include "core/clock.h"
#include "exchange/endpointsexport.h"
#include "exchange/longexport.h"
#include "exchange/odmexport.h"
#include "exchange/redcapexport.h"
#include "pdf/pdfexport.h"
#include "records/studyfile.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace cellcrf::forms {

namespace {

constexpr char Context[] = "cellcrf::forms::ExportDialog";

enum Page
{
    IdlePage,
    ProgressPage,
    ResultPage
};

const QString ErrorStyle = QStringLiteral("color: #a12622;");

// Secondary text (descriptions, notes) in the palette's quieter colour.
void setMuted(QLabel *label)
{
    QPalette palette = label->palette();
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
        palette.setColor(group, QPalette::WindowText, palette.color(group, QPalette::PlaceholderText));
    label->setPalette(palette);
}

// The files of a finished export. Its size hint is small on purpose: the page
// holding it asks for its hint as a height (the wrapped message beside it makes
// the page height-for-width), and it must not push the options above together.
class FileList final : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;
    QSize sizeHint() const override { return {400, 110}; }
};

exchange::ExportContext contextOf(const ExportRun &run)
{
    return {run.file.database(), run.file.study(), run.file.clock(), run.actor};
}

QString formatName(const ExportFormat &format)
{
    return QCoreApplication::translate(Context, format.name);
}

// A folder name for one export: "S1904_redcap_2026-03-02_0900", never one that exists.
QString exportFolderName(const QDir &parent, const QString &studyOid, const QString &formatId, const QDateTime &utc)
{
    const QString base = QStringLiteral("%1_%2_%3").arg(studyOid.toUpper(), formatId, exchange::fileStamp(utc));
    QString name = base;
    for (int n = 2; parent.exists(name); ++n)
        name = QStringLiteral("%1_%2").arg(base).arg(n);
    return name;
}

} // namespace

const QList<ExportFormat> &exportFormats()
{
    using O = ExportOption;
    static const ExportOptionSet selection = ExportOptionSet(O::Sites) | O::Forms | O::Events | O::Dates;
    static const auto redcap = [](const ExportRun &r) {
        return exchange::exportRedcap(contextOf(r), r.options, r.directory, r.progress, r.cancelled);
    };
    static const auto odm = [](const ExportRun &r) {
        return exchange::exportOdm(contextOf(r), r.options, r.directory, r.progress, r.cancelled);
    };
    // The PDF documents take the forms (blank CRF) or the sites (casebooks) of
    // the dialog, and print labels in the language the application shows.
    static const auto pdfDocuments = [](const ExportRun &r, bool crf) {
        pdf::PdfExportOptions options;
        options.crf = crf;
        options.casebooks = !crf;
        if (crf)
            options.forms = r.options.forms;
        else
            options.sites = r.options.sites;
        options.locale =
            QLocale().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
        return pdf::exportPdf(contextOf(r), r.file.data(), options, r.directory, r.progress, r.cancelled);
    };
    static const QList<ExportFormat> formats{
        {.id = QStringLiteral("redcap"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "REDCap CSV"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "Data file, data dictionary and event mapping, ready to import into REDCap."),
         .options = selection | O::Labels | O::Bom | O::Deidentify | O::DataAccessGroups,
         .write = redcap},
        {.id = QStringLiteral("redcap-labels"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "REDCap CSV with labels"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "The REDCap files with answer labels instead of codes, for people to read."),
         .options = selection | O::Labels | O::Bom | O::Deidentify | O::DataAccessGroups,
         .labels = true,
         .write = redcap},
        {.id = QStringLiteral("long"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "Long CSV"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "One row per item value, for statistics packages and spreadsheets."),
         .options = selection | O::Bom | O::Deidentify,
         .write =
             [](const ExportRun &r) {
                 return exchange::exportLongCsv(contextOf(r), r.options, r.directory, r.progress, r.cancelled);
             }},
        {.id = QStringLiteral("audit"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "Audit trail CSV"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "One row per audit event with its hash: who changed what, when and why."),
         .options = selection | O::Bom,
         .countsEvents = true,
         .write =
             [](const ExportRun &r) {
                 return exchange::exportAuditCsv(contextOf(r), r.options, r.directory, r.progress, r.cancelled);
             }},
        {.id = QStringLiteral("odm"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "ODM snapshot"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "CDISC ODM 1.3.2 XML of the current values with the study metadata."),
         .options = selection | O::Deidentify,
         .write = odm},
        {.id = QStringLiteral("odm-transactional"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "ODM transactional"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "CDISC ODM 1.3.2 XML with the full history of every value and signature."),
         .options = selection | O::Deidentify,
         .transactional = true,
         .write = odm},
        {.id = QStringLiteral("endpoints"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "Endpoints dataset"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "One row per subject with the endpoints derived from the whole casebook."),
         .options = ExportOptionSet(O::Sites) | O::Bom,
         .write =
             [](const ExportRun &r) {
                 return exchange::exportEndpoints(contextOf(r), r.file.data(), r.options, r.directory, r.progress,
                                                  r.cancelled);
             }},
        {.id = QStringLiteral("pdf-crf"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "Annotated blank CRF (PDF)"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "Every form with its variable names, types, code lists and ranges, as "
                                          "submissions require."),
         .options = ExportOptionSet(O::Forms),
         .write = [](const ExportRun &r) { return pdfDocuments(r, true); }},
        {.id = QStringLiteral("pdf-casebooks"),
         .name = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog", "Subject casebooks (PDF)"),
         .description = QT_TRANSLATE_NOOP("cellcrf::forms::ExportDialog",
                                          "One PDF per subject with every form, its history summary and signatures, "
                                          "for archiving at the site."),
         .options = ExportOptionSet(O::Sites),
         .write = [](const ExportRun &r) { return pdfDocuments(r, false); }},
    };
    return formats;
}

// ---------------------------------------------------------------------------

ExportJob::ExportJob(QString studyPath, const Clock &clock, Actor actor, ExportFormat format,
                     exchange::ExportOptions options, QString directory, QObject *parent)
    : QThread(parent)
    , m_studyPath(std::move(studyPath))
    , m_clock(clock)
    , m_actor(std::move(actor))
    , m_format(std::move(format))
    , m_options(std::move(options))
    , m_directory(std::move(directory))
{}

ExportJob::~ExportJob()
{
    cancel();
    wait();
}

void ExportJob::run()
{
    Result<std::unique_ptr<records::StudyFile>> opened = records::StudyFile::open(m_studyPath, m_clock);
    if (!opened) {
        m_result = opened.status();
        return;
    }
    std::unique_ptr<records::StudyFile> file = std::move(opened).value();
    int lastStep = -1;
    const exchange::Progress progress = [this, &lastStep](qint64 done, qint64 total) {
        const int step = total > 0 ? int(done * 1000 / total) : 1000;
        if (step == lastStep && done != total)
            return;
        lastStep = step;
        Q_EMIT progressed(done, total);
    };
    const exchange::CancelCheck cancelled = [this] { return isCancelRequested(); };
    m_result = m_format.write(ExportRun{*file, m_actor, m_options, m_directory, progress, cancelled});
    // The connection is closed and removed in the thread that opened it.
    file.reset();
}

// ---------------------------------------------------------------------------

ExportDialog::ExportDialog(records::StudyFile &file, const Actor &actor, const QString &locale, QWidget *parent)
    : QDialog(parent)
    , m_file(file)
    , m_actor(actor)
    , m_locale(locale)
    , m_allowed(exchange::checkExportAllowed(actor))
    , m_openFolder([](const QUrl &url) { QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("exportDialog"));
    buildUi();
    fillLists();

    QSettings settings;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_directory->setText(QDir::toNativeSeparators(
        settings.value(QStringLiteral("export/folder"), QDir(documents).filePath(QStringLiteral("CellCRF exports")))
            .toString()));
    m_openWhenDone->setChecked(settings.value(QStringLiteral("export/openFolder"), true).toBool());
    if (!setFormat(settings.value(QStringLiteral("export/format")).toString()))
        setFormatIndex(0);

    retranslate();
    setRunning(false);
    resize(sizeHint());
}

ExportDialog::~ExportDialog()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->wait();
        if (m_job->result() && !*m_job->result())
            removeCreatedDirectories();
    }
}

ExportDialog::CheckList ExportDialog::makeCheckList(const QString &name)
{
    CheckList c;
    c.title = new QLabel(this);
    c.list = new QListWidget(this);
    c.list->setObjectName(QStringLiteral("export%1List").arg(name));
    // Long names (sites) are cut with an ellipsis; the tooltip holds the whole name.
    c.list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    c.list->setTextElideMode(Qt::ElideRight);
    c.list->setMinimumHeight(150);
    c.title->setBuddy(c.list);
    c.all = new QPushButton(this);
    c.all->setObjectName(QStringLiteral("export%1All").arg(name));
    c.none = new QPushButton(this);
    c.none->setObjectName(QStringLiteral("export%1None").arg(name));
    for (QPushButton *b : {c.all, c.none})
        b->setAutoDefault(false);
    QListWidget *list = c.list;
    const auto setAll = [list](Qt::CheckState state) {
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(state);
    };
    connect(c.all, &QPushButton::clicked, this, [setAll] { setAll(Qt::Checked); });
    connect(c.none, &QPushButton::clicked, this, [setAll] { setAll(Qt::Unchecked); });
    return c;
}

void ExportDialog::buildUi()
{
    m_formatLabel = new QLabel(this);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const ExportFormat &f : exportFormats())
        m_format->addItem(QString(), f.id);
    m_formatLabel->setBuddy(m_format);
    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("exportFormatDescription"));
    // One line: a wrapped label in a form layout would ask for a height its
    // minimum does not count, and squeeze the lists below.
    setMuted(m_description);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this](int) { updateOptionStates(); });

    // What to export: sites, forms, events and the date range.
    m_selection = new QGroupBox(this);
    m_sites = makeCheckList(QStringLiteral("Sites"));
    m_forms = makeCheckList(QStringLiteral("Forms"));
    m_events = makeCheckList(QStringLiteral("Events"));
    auto *grid = new QGridLayout;
    int column = 0;
    for (const CheckList *c : {&m_sites, &m_forms, &m_events}) {
        grid->addWidget(c->title, 0, column);
        grid->addWidget(c->list, 1, column);
        auto *buttons = new QHBoxLayout;
        buttons->setContentsMargins(0, 0, 0, 0);
        buttons->addWidget(c->all);
        buttons->addWidget(c->none);
        buttons->addStretch();
        grid->addLayout(buttons, 2, column);
        ++column;
    }
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 4);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 3);

    const QDate today = m_file.clock().nowUtc().date();
    m_useFrom = new QCheckBox(this);
    m_useFrom->setObjectName(QStringLiteral("exportUseFrom"));
    m_from = new QDateEdit(today.addMonths(-1), this);
    m_from->setObjectName(QStringLiteral("exportFrom"));
    m_useTo = new QCheckBox(this);
    m_useTo->setObjectName(QStringLiteral("exportUseTo"));
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(QStringLiteral("exportTo"));
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    connect(m_useFrom, &QCheckBox::toggled, this, [this] { updateOptionStates(); });
    connect(m_useTo, &QCheckBox::toggled, this, [this] { updateOptionStates(); });
    m_datesNote = new QLabel(this);
    setMuted(m_datesNote);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_useFrom);
    dates->addWidget(m_from);
    dates->addSpacing(12);
    dates->addWidget(m_useTo);
    dates->addWidget(m_to);
    dates->addSpacing(12);
    dates->addWidget(m_datesNote, 1);
    auto *selection = new QVBoxLayout(m_selection);
    selection->addLayout(grid);
    selection->addSpacing(4);
    selection->addLayout(dates);

    // How the files are written.
    m_fileOptions = new QGroupBox(this);
    m_valuesLabel = new QLabel(this);
    m_raw = new QRadioButton(this);
    m_raw->setObjectName(QStringLiteral("exportRaw"));
    m_labels = new QRadioButton(this);
    m_labels->setObjectName(QStringLiteral("exportLabels"));
    m_valuesGroup = new QButtonGroup(this);
    m_valuesGroup->addButton(m_raw);
    m_valuesGroup->addButton(m_labels);
    m_raw->setChecked(true);
    connect(m_labels, &QRadioButton::toggled, this, &ExportDialog::useLabels);
    m_bom = new QCheckBox(this);
    m_bom->setObjectName(QStringLiteral("exportBom"));
    m_deidentify = new QCheckBox(this);
    m_deidentify->setObjectName(QStringLiteral("exportDeidentify"));
    m_dataAccessGroups = new QCheckBox(this);
    m_dataAccessGroups->setObjectName(QStringLiteral("exportDataAccessGroups"));
    auto *values = new QHBoxLayout;
    values->addWidget(m_valuesLabel);
    values->addWidget(m_raw);
    values->addWidget(m_labels);
    values->addStretch();
    auto *fileOptions = new QVBoxLayout(m_fileOptions);
    fileOptions->addLayout(values);
    fileOptions->addWidget(m_bom);
    fileOptions->addWidget(m_deidentify);
    fileOptions->addWidget(m_dataAccessGroups);

    // Where the files go.
    m_folderLabel = new QLabel(this);
    m_directory = new QLineEdit(this);
    m_directory->setObjectName(QStringLiteral("exportDirectory"));
    m_folderLabel->setBuddy(m_directory);
    m_chooseDirectory = new QPushButton(this);
    m_chooseDirectory->setObjectName(QStringLiteral("exportChooseDirectory"));
    m_chooseDirectory->setAutoDefault(false);
    connect(m_chooseDirectory, &QPushButton::clicked, this, &ExportDialog::chooseDirectory);
    m_openWhenDone = new QCheckBox(this);
    m_openWhenDone->setObjectName(QStringLiteral("exportOpenWhenDone"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_directory, 1);
    folderRow->addWidget(m_chooseDirectory);

    auto *top = new QFormLayout;
    top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    top->addRow(m_formatLabel, m_format);
    top->addRow(QString(), m_description);

    auto *bottom = new QFormLayout;
    bottom->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    bottom->addRow(m_folderLabel, folderRow);
    bottom->addRow(QString(), m_openWhenDone);

    // Below the options: a hint, the progress of a running export, or the outcome.
    m_statusStack = new QStackedWidget(this);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("exportHint"));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_statusStack->addWidget(m_hint);

    auto *progressPage = new QWidget(this);
    m_progress = new QProgressBar(progressPage);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progressText = new QLabel(progressPage);
    m_progressText->setObjectName(QStringLiteral("exportProgressText"));
    m_cancel = new QPushButton(progressPage);
    m_cancel->setObjectName(QStringLiteral("exportCancel"));
    m_cancel->setAutoDefault(false);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto *progressLayout = new QVBoxLayout(progressPage);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addLayout(progressRow);
    progressLayout->addWidget(m_progressText);
    m_progressFolder = new QLabel(progressPage);
    m_progressFolder->setObjectName(QStringLiteral("exportProgressFolder"));
    setMuted(m_progressFolder);
    m_progressFolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progressLayout->addWidget(m_progressFolder);
    progressLayout->addStretch();
    m_statusStack->addWidget(progressPage);

    auto *resultPage = new QWidget(this);
    m_message = new QLabel(resultPage);
    m_message->setObjectName(QStringLiteral("exportMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_files = new FileList(resultPage);
    m_files->setObjectName(QStringLiteral("exportFiles"));
    m_files->setColumnCount(2);
    m_files->setRootIsDecorated(false);
    m_files->setSelectionMode(QAbstractItemView::NoSelection);
    m_files->setFocusPolicy(Qt::NoFocus);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_openFolderButton = new QPushButton(resultPage);
    m_openFolderButton->setObjectName(QStringLiteral("exportOpenFolder"));
    m_openFolderButton->setAutoDefault(false);
    connect(m_openFolderButton, &QPushButton::clicked, this, [this] {
        if (m_lastResult && *m_lastResult && m_openFolder)
            m_openFolder(QUrl::fromLocalFile(m_openFolderButton->property("folder").toString()));
    });
    auto *resultLayout = new QVBoxLayout(resultPage);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_openFolderButton, 0, Qt::AlignTop);
    resultLayout->addLayout(messageRow);
    resultLayout->addWidget(m_files, 1);
    m_statusStack->addWidget(resultPage);
    // The outcome page fits in the room of the others, so that the options
    // above never move when an export starts or ends.
    m_files->setMinimumHeight(60);
    m_statusStack->setMinimumHeight(170);

    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportStart"));
    m_export->setDefault(true);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    m_close = new QPushButton(this);
    m_close->setObjectName(QStringLiteral("exportClose"));
    m_close->setAutoDefault(false);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(4);
    layout->addWidget(m_selection, 1);
    layout->addWidget(m_fileOptions);
    layout->addLayout(bottom);
    layout->addWidget(m_statusStack);
    layout->addWidget(buttons);
    // The dialog never gets smaller than its contents, whatever texts the
    // language brings; the lists take the room it gets beyond that.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    m_selection->setMinimumWidth(820);
}

void ExportDialog::fillLists()
{
    const study::Study &study = m_file.study();
    const auto add = [](QListWidget *list, const QString &oid, const QString &text) {
        auto *item = new QListWidgetItem(text, list);
        item->setData(Qt::UserRole, oid);
        item->setToolTip(text);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    };
    for (const study::Site &s : study.sites)
        if (m_actor.mayAccessSite(s.oid))
            add(m_sites.list, s.oid, QStringLiteral("%1 — %2").arg(s.oid, s.name.text(m_locale)));
    for (const study::Form &f : study.forms)
        add(m_forms.list, f.oid, f.name.text(m_locale));
    for (const study::Event &e : study.events)
        add(m_events.list, e.oid, e.name.text(m_locale));
}

void ExportDialog::retranslate()
{
    setWindowTitle(tr("Export data"));
    m_formatLabel->setText(tr("&Format"));
    for (int i = 0; i < m_format->count(); ++i)
        m_format->setItemText(i, formatName(exportFormats().at(i)));
    m_selection->setTitle(tr("What to export"));
    m_sites.title->setText(tr("&Sites"));
    m_forms.title->setText(tr("F&orms"));
    m_events.title->setText(tr("&Events"));
    for (const CheckList *c : {&m_sites, &m_forms, &m_events}) {
        c->all->setText(tr("All"));
        c->none->setText(tr("None"));
    }
    m_sites.all->setAccessibleName(tr("All sites"));
    m_sites.none->setAccessibleName(tr("No site"));
    m_forms.all->setAccessibleName(tr("All forms"));
    m_forms.none->setAccessibleName(tr("No form"));
    m_events.all->setAccessibleName(tr("All events"));
    m_events.none->setAccessibleName(tr("No event"));
    m_useFrom->setText(tr("Changed from"));
    m_useTo->setText(tr("to"));
    m_from->setAccessibleName(tr("First day of the date range"));
    m_to->setAccessibleName(tr("Last day of the date range"));
    m_fileOptions->setTitle(tr("Files"));
    m_valuesLabel->setText(tr("Values:"));
    m_raw->setText(tr("Raw codes, for re-import"));
    m_labels->setText(tr("Labels, for people to read"));
    m_bom->setText(tr("Start with a UTF-8 byte order mark (Excel on Chinese Windows needs it)"));
    m_deidentify->setText(
        tr("De-identify: drop items marked as identifiers, dates as days from consent (ages are kept)"));
    m_dataAccessGroups->setText(tr("Site as REDCap data access group"));
    m_folderLabel->setText(tr("Fol&der"));
    m_chooseDirectory->setText(tr("Choose…"));
    m_openWhenDone->setText(tr("Open the folder when the export is done"));
    m_cancel->setText(tr("Cancel export"));
    m_openFolderButton->setText(tr("Open folder"));
    m_files->setHeaderLabels({tr("File"), tr("Rows")});
    m_export->setText(tr("E&xport"));
    m_close->setText(tr("Close"));
    updateOptionStates();
}

void ExportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

const ExportFormat &ExportDialog::currentFormat() const
{
    const int index = m_format->currentIndex();
    return exportFormats().at(index >= 0 ? index : 0);
}

bool ExportDialog::setFormat(const QString &formatId)
{
    const int index = m_format->findData(formatId);
    if (index < 0)
        return false;
    setFormatIndex(index);
    return true;
}

void ExportDialog::setFormatIndex(int index)
{
    m_format->setCurrentIndex(index);
    updateOptionStates();
}

QString ExportDialog::formatId() const
{
    return currentFormat().id;
}

void ExportDialog::setDirectory(const QString &directory)
{
    m_directory->setText(QDir::toNativeSeparators(directory));
}

QString ExportDialog::directory() const
{
    return QDir::fromNativeSeparators(m_directory->text().trimmed());
}

bool ExportDialog::isRunning() const
{
    return m_job != nullptr;
}

// The raw/labels choice picks between the two variants of a format.
void ExportDialog::useLabels(bool labels)
{
    const ExportFormat &current = currentFormat();
    if (!current.options.testFlag(ExportOption::Labels) || current.labels == labels)
        return;
    for (qsizetype i = 0; i < exportFormats().size(); ++i) {
        const ExportFormat &f = exportFormats().at(i);
        if (f.options.testFlag(ExportOption::Labels) && f.labels == labels) {
            setFormatIndex(int(i));
            return;
        }
    }
}

void ExportDialog::updateOptionStates()
{
    if (!m_export)
        return;
    const ExportFormat &f = currentFormat();
    const bool editable = m_allowed.isOk() && !isRunning();
    m_description->setText(QCoreApplication::translate(Context, f.description));
    m_format->setEnabled(editable);

    const QString unused = tr("The %1 format does not use this option.").arg(formatName(f));
    const auto apply = [&](QWidget *w, ExportOption option, const QString &tip = {}) {
        const bool used = f.options.testFlag(option);
        w->setEnabled(editable && used);
        w->setToolTip(used ? tip : unused);
    };
    for (const CheckList *c : {&m_sites, &m_forms, &m_events}) {
        const ExportOption option =
            c == &m_sites ? ExportOption::Sites : (c == &m_forms ? ExportOption::Forms : ExportOption::Events);
        for (QWidget *w : std::initializer_list<QWidget *>{c->title, c->list, c->all, c->none})
            apply(w, option);
    }
    apply(m_useFrom, ExportOption::Dates);
    apply(m_useTo, ExportOption::Dates);
    apply(m_datesNote, ExportOption::Dates);
    m_from->setEnabled(m_useFrom->isEnabled() && m_useFrom->isChecked());
    m_to->setEnabled(m_useTo->isEnabled() && m_useTo->isChecked());
    if (f.countsEvents)
        m_datesNote->setText(tr("by the time of each audit event"));
    else if (f.transactional)
        m_datesNote->setText(tr("by the time of each change"));
    else
        m_datesNote->setText(tr("by the day a form was last changed"));

    {
        const QSignalBlocker block(m_labels);
        (f.labels ? m_labels : m_raw)->setChecked(true);
    }
    apply(m_valuesLabel, ExportOption::Labels);
    apply(m_raw, ExportOption::Labels, tr("Codes as stored: the file re-imports exactly"));
    apply(m_labels, ExportOption::Labels, tr("Answer labels instead of codes: not for re-import"));
    apply(m_bom, ExportOption::Bom, tr("Without it, Excel may show Chinese text as garbled characters"));
    apply(m_deidentify, ExportOption::Deidentify,
          tr("Items marked as identifiers are left out; every date becomes the number of days from the subject's "
             "consent; ages stay as they are"));
    apply(m_dataAccessGroups, ExportOption::DataAccessGroups,
          tr("Adds the column redcap_data_access_group with each subject's site"));

    m_directory->setEnabled(editable);
    m_chooseDirectory->setEnabled(editable);
    m_openWhenDone->setEnabled(m_allowed.isOk());
    m_export->setEnabled(editable);
    m_export->setToolTip(m_allowed.isOk() ? tr("Write the files into a new folder inside the chosen folder")
                                          : m_allowed.message());
    m_cancel->setEnabled(isRunning() && f.cancellable);
    m_cancel->setToolTip(f.cancellable ? tr("Stop the export; no file is left behind")
                                       : tr("The %1 cannot be stopped part way.").arg(formatName(f)));

    if (!m_allowed) {
        m_hint->setStyleSheet(ErrorStyle);
        m_hint->setText(m_allowed.message());
    } else {
        m_hint->setStyleSheet(QString());
        m_hint->setText(tr("Each export goes into a new folder with a manifest that records every option and the "
                           "checksum of every file. Every export is recorded in the audit trail."));
    }
}

QStringList ExportDialog::checkedOids(const CheckList &list) const
{
    QStringList oids;
    for (int i = 0; i < list.list->count(); ++i)
        if (list.list->item(i)->checkState() == Qt::Checked)
            oids << list.list->item(i)->data(Qt::UserRole).toString();
    return oids;
}

exchange::ExportOptions ExportDialog::options() const
{
    const ExportFormat &f = currentFormat();
    exchange::ExportOptions o;
    // Everything checked is no filter: the manifest then says "all" (empty).
    // Nothing checked is refused by startExport() before it gets here.
    const auto chosen = [&](const CheckList &c, ExportOption option) {
        if (!f.options.testFlag(option))
            return QStringList();
        const QStringList oids = checkedOids(c);
        return oids.size() == c.list->count() ? QStringList() : oids;
    };
    o.sites = chosen(m_sites, ExportOption::Sites);
    o.forms = chosen(m_forms, ExportOption::Forms);
    o.events = chosen(m_events, ExportOption::Events);
    if (f.options.testFlag(ExportOption::Dates)) {
        if (m_useFrom->isChecked())
            o.from = m_from->date();
        if (m_useTo->isChecked())
            o.to = m_to->date();
    }
    o.labels = f.labels;
    o.transactional = f.transactional;
    o.bom = f.options.testFlag(ExportOption::Bom) && m_bom->isChecked();
    o.deidentify = f.options.testFlag(ExportOption::Deidentify) && m_deidentify->isChecked();
    o.dataAccessGroups = f.options.testFlag(ExportOption::DataAccessGroups) && m_dataAccessGroups->isChecked();
    return o;
}

void ExportDialog::chooseDirectory()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Folder for the export"), directory());
    if (!chosen.isEmpty())
        setDirectory(chosen);
}

void ExportDialog::showError(const QString &message)
{
    m_lastResult.reset();
    m_message->setStyleSheet(ErrorStyle);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setText(message);
    m_files->clear();
    m_files->hide();
    m_openFolderButton->hide();
    m_statusStack->setCurrentIndex(ResultPage);
}

// Creates the export's own folder inside the chosen one (and the chosen one
// when missing), remembering what it created so that a failed or cancelled
// export can take it away again.
bool ExportDialog::prepareDirectory(QString &directory)
{
    m_createdDirectories.clear();
    const QString chosen = directory;
    if (chosen.isEmpty()) {
        showError(tr("Choose a folder for the export."));
        return false;
    }
    const QFileInfo info(chosen);
    if (info.exists() && !info.isDir()) {
        showError(
            tr("%1 is a file, not a folder. Choose a folder for the export.").arg(QDir::toNativeSeparators(chosen)));
        return false;
    }
    const QDir parent(QDir::cleanPath(QDir(chosen).absolutePath()));
    const QString target =
        parent.filePath(exportFolderName(parent, m_file.study().oid, currentFormat().id, m_file.clock().nowUtc()));
    QStringList missing;
    for (QString p = target; !p.isEmpty() && !QFileInfo::exists(p);) {
        missing << p;
        const QString up = QFileInfo(p).absolutePath();
        if (up == p)
            break;
        p = up;
    }
    const auto cannotWrite = [&] {
        for (const QString &p : std::as_const(missing))
            QDir().rmdir(p);
        showError(tr("CellCRF cannot write into the folder %1. Choose another folder; nothing was written.")
                      .arg(QDir::toNativeSeparators(chosen)));
        return false;
    };
    if (!QDir().mkpath(target))
        return cannotWrite();
    {
        QTemporaryFile probe(QDir(target).filePath(QStringLiteral(".cellcrf-write-test-XXXXXX")));
        if (!probe.open())
            return cannotWrite();
    }
    m_createdDirectories = missing;
    directory = target;
    return true;
}

void ExportDialog::removeCreatedDirectories()
{
    // rmdir removes only empty folders: a file someone put there meanwhile stays.
    for (const QString &p : std::as_const(m_createdDirectories))
        QDir().rmdir(p);
    m_createdDirectories.clear();
}

void ExportDialog::startExport()
{
    if (isRunning())
        return;
    if (!m_allowed) {
        showError(m_allowed.message());
        return;
    }
    const ExportFormat &format = currentFormat();
    const struct
    {
        const CheckList &list;
        ExportOption option;
        QString message;
    } required[] = {{m_sites, ExportOption::Sites, tr("Choose at least one site.")},
                    {m_forms, ExportOption::Forms, tr("Choose at least one form.")},
                    {m_events, ExportOption::Events, tr("Choose at least one event.")}};
    for (const auto &r : required) {
        if (format.options.testFlag(r.option) && checkedOids(r.list).isEmpty()) {
            showError(r.message);
            r.list.list->setFocus();
            return;
        }
    }
    const exchange::ExportOptions chosen = options();
    if (Status s = chosen.check(); !s) {
        showError(s.message());
        return;
    }
    QString target = directory();
    if (!prepareDirectory(target))
        return;

    QSettings settings;
    settings.setValue(QStringLiteral("export/folder"), directory());
    settings.setValue(QStringLiteral("export/format"), format.id);
    settings.setValue(QStringLiteral("export/openFolder"), m_openWhenDone->isChecked());

    m_lastResult.reset();
    m_job = new ExportJob(m_file.path(), m_file.clock(), m_actor, format, chosen, target, this);
    connect(m_job, &ExportJob::progressed, this, &ExportDialog::showProgress);
    connect(m_job, &QThread::finished, this, &ExportDialog::jobFinished);
    m_progressFolder->setText(tr("Writing into %1").arg(QDir::toNativeSeparators(target)));
    setRunning(true);
    showProgress(0, -1);
    Q_EMIT exportStarted(m_job);
    m_job->start();
}

void ExportDialog::cancelExport()
{
    if (!m_job || !m_job->format().cancellable)
        return;
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_progressText->setText(tr("Stopping…"));
}

void ExportDialog::setRunning(bool running)
{
    if (running)
        m_statusStack->setCurrentIndex(ProgressPage);
    updateOptionStates();
    if (running)
        m_cancel->setFocus();
}

void ExportDialog::showProgress(qint64 done, qint64 total)
{
    if (!m_job || m_job->isCancelRequested())
        return;
    if (total < 0) {
        m_progress->setRange(0, 0); // opening the file: busy
        m_progressText->setText(tr("Opening the study file…"));
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
    if (total == 0)
        m_progressText->setText(tr("Nothing matches the chosen options; writing the empty files…"));
    else if (m_job->format().countsEvents)
        m_progressText->setText(tr("Audit event %L1 of %L2").arg(done).arg(total));
    else
        m_progressText->setText(tr("Subject %L1 of %L2").arg(done).arg(total));
}

void ExportDialog::jobFinished()
{
    if (!m_job)
        return;
    ExportJob *job = std::exchange(m_job, nullptr);
    job->wait();
    m_lastResult = job->result();
    const QString folder = job->directory();
    job->deleteLater();
    updateOptionStates();

    if (!m_lastResult || !*m_lastResult) {
        const Status failure =
            m_lastResult ? m_lastResult->status() : Status::error(ErrorCode::Io, tr("The export did not run."));
        removeCreatedDirectories();
        showError(failure.code() == ErrorCode::Cancelled
                      ? tr("The export was cancelled. No file was written.")
                      : tr("The export failed: %1\nNo file was written.").arg(failure.message()));
        m_lastResult = Result<exchange::ExportResult>(failure);
        Q_EMIT exportFinished();
        return;
    }
    m_createdDirectories.clear();

    const exchange::ExportResult &result = m_lastResult->value();
    const QLocale locale;
    qint64 rows = 0;
    m_files->clear();
    for (const exchange::ExportedFile &f : result.files) {
        auto *item = new QTreeWidgetItem(m_files, {f.fileName, locale.toString(f.rows)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0, tr("SHA-256 %1").arg(f.sha256));
        rows += f.rows;
    }
    m_message->setStyleSheet(QString());
    m_message->setTextFormat(Qt::RichText);
    m_message->setText(tr("<b>Export finished.</b> Files: %1, rows: %2, subjects: %3.<br>Folder: %4")
                           .arg(locale.toString(result.files.size()), locale.toString(rows),
                                locale.toString(result.subjects), QDir::toNativeSeparators(folder).toHtmlEscaped()));
    m_files->show();
    m_openFolderButton->setProperty("folder", folder);
    m_openFolderButton->show();
    m_statusStack->setCurrentIndex(ResultPage);
    m_openFolderButton->setFocus();
    if (m_openWhenDone->isChecked() && m_openFolder)
        m_openFolder(QUrl::fromLocalFile(folder));
    Q_EMIT exportFinished();
}

void ExportDialog::reject()
{
    if (m_job) {
        // Closing stops the export; the dialog waits until its thread is done
        // so that nothing is written after it closed.
        cancelExport();
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_job->wait();
        QApplication::restoreOverrideCursor();
        jobFinished();
    }
    QDialog::reject();
}

} // namespace cellcrf::forms
