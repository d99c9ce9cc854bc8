#pragma once

// The one signing path of every Sign action in the program (the form view's
// Sign…, the eligibility panel's Sign decision…): the prompt's signing dialog,
// whose every attempt goes to RecordActions::signForm on the stored version the
// signer looked at, so a form changed meanwhile is never signed. The casebook
// view's Sign casebook… goes the same way to records::Signatures::signCasebook
// with the content hash of the casebook review the signer was shown.

#include "core/actor.h"
#include "records/clinicaldata.h"

#include <QStringList>

class QWidget;

namespace cellcrf::records {
class Signatures;
struct CasebookReview;
} // namespace cellcrf::records

namespace cellcrf::forms {

class Prompt;
class RecordActions;

// True when the form was signed; false when the person cancelled.
bool signStoredForm(QWidget *parent, Prompt &prompt, RecordActions &actions, const Actor &actor,
                    const records::FormKey &key, const QString &what, int version, const QStringList &meanings);

// True when the subject's casebook was signed as `review` shows it; false when
// the person cancelled.
bool signCasebook(QWidget *parent, Prompt &prompt, records::Signatures &signatures, const Actor &actor,
                  const records::CasebookReview &review, const QString &what, const QStringList &meanings);

} // namespace cellcrf::forms
