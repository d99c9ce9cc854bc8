#include "study/study.h"

#include <algorithm>

namespace cellcrf::study {

QString LocalizedText::text(const QString &locale) const
{
    if (auto it = texts.constFind(locale); it != texts.cend() && !it->isEmpty())
        return *it;
    if (auto it = texts.constFind(QStringLiteral("en")); it != texts.cend() && !it->isEmpty())
        return *it;
    return texts.isEmpty() ? QString() : texts.first();
}

namespace {
struct TypeName
{
    ItemType type;
    const char *name;
};
constexpr TypeName typeNames[] = {
    {ItemType::Text, "text"},
    {ItemType::Integer, "integer"},
    {ItemType::Decimal, "decimal"},
    {ItemType::Date, "date"},
    {ItemType::Time, "time"},
    {ItemType::DateTime, "datetime"},
    {ItemType::SingleChoice, "single_choice"},
    {ItemType::MultipleChoice, "multiple_choice"},
    {ItemType::YesNo, "yes_no"},
    {ItemType::Calculated, "calculated"},
    {ItemType::Derived, "derived"},
};

template<typename T> const T *findByOid(const QList<T> &list, const QString &oid)
{
    auto it = std::find_if(list.cbegin(), list.cend(), [&](const T &x) { return x.oid == oid; });
    return it == list.cend() ? nullptr : &*it;
}
} // namespace

QString itemTypeName(ItemType type)
{
    for (const auto &t : typeNames) {
        if (t.type == type)
            return QString::fromLatin1(t.name);
    }
    return {};
}

std::optional<ItemType> itemTypeFromName(const QString &name)
{
    for (const auto &t : typeNames) {
        if (name == QLatin1String(t.name))
            return t.type;
    }
    return std::nullopt;
}

bool CodeList::contains(const QString &code) const
{
    return std::any_of(items.cbegin(), items.cend(), [&](const CodeListItem &i) { return i.code == code; });
}

QString CodeList::label(const QString &code, const QString &locale) const
{
    for (const auto &i : items) {
        if (i.code == code)
            return i.label.text(locale);
    }
    return code;
}

const Item *Form::item(const QString &itemOid) const
{
    return findByOid(items, itemOid);
}

const Form *Study::form(const QString &formOid) const
{
    return findByOid(forms, formOid);
}
const Event *Study::event(const QString &eventOid) const
{
    return findByOid(events, eventOid);
}
const CodeList *Study::codeList(const QString &listOid) const
{
    return findByOid(codeLists, listOid);
}
const Anchor *Study::anchor(const QString &anchorOid) const
{
    return findByOid(anchors, anchorOid);
}
const Arm *Study::arm(const QString &armOid) const
{
    return findByOid(arms, armOid);
}
const Site *Study::site(const QString &siteOid) const
{
    return findByOid(sites, siteOid);
}

} // namespace cellcrf::study
