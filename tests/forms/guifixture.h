#pragma once

// What the GUI tests share: a fresh study file per test (with the demo
// accounts), a prompt that answers as told and records what it was asked, and
// the real authenticator of the file.

#include "auth/authservice.h"
#include "core/clock.h"
#include "modelauthenticator.h"
#include "prompt.h"
#include "recordactions.h"
#include "records/studyfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace cellcrf::test {

class FakePrompt final : public forms::Prompt
{
public:
    forms::UnsavedAnswer unsavedAnswer = forms::UnsavedAnswer::Cancel;
    std::optional<QString> reason = QStringLiteral("Transcription error corrected");
    int unsavedAsked = 0;
    int reasonAsked = 0;
    QStringList reasonItems;
    QStringList errors;
    // askText answers `textAnswer`; askSignature signs with the first meaning offered
    // and `password`, or cancels when `password` is empty.
    std::optional<QString> textAnswer = QStringLiteral("Please check the source document.");
    QString password;
    int signAsked = 0;
    forms::SignatureRequest signRequest;

    forms::UnsavedAnswer askUnsaved(QWidget *, const QString &) override
    {
        ++unsavedAsked;
        return unsavedAnswer;
    }
    std::optional<QString> askReason(QWidget *, const QStringList &items) override
    {
        ++reasonAsked;
        reasonItems = items;
        return reason;
    }
    bool confirm(QWidget *, const QString &, const QString &) override { return true; }
    void showError(QWidget *, const QString &, const QString &text) override { errors.append(text); }
    std::optional<QString> askText(QWidget *, const QString &, const QString &) override { return textAnswer; }
    bool askSignature(QWidget *, const forms::SignatureRequest &request, const forms::SignAttempt &sign) override
    {
        ++signAsked;
        signRequest = request;
        if (password.isEmpty() || request.meanings.isEmpty())
            return false;
        if (const Status signedOk = sign(request.meanings.first(), password); !signedOk) {
            errors.append(signedOk.message());
            return false;
        }
        return true;
    }
};

struct GuiFixture
{
    QTemporaryDir dir;
    ManualClock clock{QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)};
    std::unique_ptr<records::StudyFile> file;
    std::unique_ptr<forms::ModelAuthenticator> auth;
    std::unique_ptr<forms::RecordActions> actions;
    FakePrompt prompt;

    // Creates a demo-flagged S1904 file with the demo accounts; false on failure.
    bool create(const QString &studyOid = QStringLiteral("s1904"))
    {
        records::CreateOptions options;
        options.demo = true;
        options.deviceName = QStringLiteral("test");
        auto created = records::StudyFile::create(dir.filePath(QStringLiteral("t.cellcrf")), studyOid, clock, options);
        if (!created) {
            qWarning() << created.message();
            return false;
        }
        file = std::move(created).value();
        if (auto s = auth::createDemoAccounts(file->database(), clock); !s) {
            qWarning() << s.message();
            return false;
        }
        auth = std::make_unique<forms::ModelAuthenticator>(file->database(), clock);
        actions = std::make_unique<forms::RecordActions>(file->data(), auth->service(), clock);
        return true;
    }

    Actor signIn(const QString &user)
    {
        for (const auto &a : auth->demoAccounts())
            if (a.userName == user)
                return *auth->signIn(a.userName, a.password);
        return {};
    }

    records::Subject addSubject(const Actor &actor, const QString &number, const QString &site = QStringLiteral("01"))
    {
        auto s = file->data().registerSubject(actor, {site, number, QStringLiteral("ABC")});
        return s ? *s : records::Subject{};
    }
};

} // namespace cellcrf::test
