#include "signing.h"

#include "prompt.h"
#include "recordactions.h"

#include "auth/signatures.h"

namespace cellcrf::forms {

bool signStoredForm(QWidget *parent, Prompt &prompt, RecordActions &actions, const Actor &actor,
                    const store::FormKey &key, const QString &what, int version, const QStringList &meanings)
{
    return prompt.askSignature(parent, {what, version, meanings}, [&](const QString &meaning, const QString &password) {
        return actions.signForm(actor, key, meaning, password, version);
    });
}

bool signCasebook(QWidget *parent, Prompt &prompt, auth::Signatures &signatures, const Actor &actor,
                  const auth::CasebookReview &review, const QString &what, const QStringList &meanings)
{
    return prompt.askSignature(parent, {what, 0, meanings}, [&](const QString &meaning, const QString &password) {
        const std::optional<auth::SignatureMeaning> m = auth::parseMeaning(meaning);
        if (!m)
            return Status::error(ErrorCode::InvalidInput, QStringLiteral("unknown meaning %1").arg(meaning));
        return signatures.signCasebook(actor, review.subjectId, *m, password, review.contentHash).status();
    });
}

} // namespace cellcrf::forms
