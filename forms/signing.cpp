#include "signing.h"

#include "prompt.h"
#include "recordactions.h"

#include "records/signatures.h"

namespace cellcrf::forms {

bool signStoredForm(QWidget *parent, Prompt &prompt, RecordActions &actions, const Actor &actor,
                    const records::FormKey &key, const QString &what, int version, const QStringList &meanings)
{
    return prompt.askSignature(parent, {what, version, meanings}, [&](const QString &meaning, const QString &password) {
        return actions.signForm(actor, key, meaning, password, version);
    });
}

bool signCasebook(QWidget *parent, Prompt &prompt, records::Signatures &signatures, const Actor &actor,
                  const records::CasebookReview &review, const QString &what, const QStringList &meanings)
{
    return prompt.askSignature(parent, {what, 0, meanings}, [&](const QString &meaning, const QString &password) {
        const std::optional<records::SignatureMeaning> m = records::parseMeaning(meaning);
        if (!m)
            return Status::error(ErrorCode::InvalidInput, QStringLiteral("unknown meaning %1").arg(meaning));
        return signatures.signCasebook(actor, review.subjectId, *m, password, review.contentHash).status();
    });
}

} // namespace cellcrf::forms
