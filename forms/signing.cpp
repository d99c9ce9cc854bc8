#include "signing.h"

#include "prompt.h"
#include "recordactions.h"

namespace cellcrf::forms {

bool signStoredForm(QWidget *parent, Prompt &prompt, RecordActions &actions, const Actor &actor,
                    const store::FormKey &key, const QString &what, int version, const QStringList &meanings)
{
    return prompt.askSignature(parent, {what, version, meanings}, [&](const QString &meaning, const QString &password) {
        return actions.signForm(actor, key, meaning, password, version);
    });
}

} // namespace cellcrf::forms
