#include "demo/demogenerator.h"

#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "records/clinicaldata.h"
#include "records/signatures.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <random>

Q_LOGGING_CATEGORY(lcDemo, "cellcrf.demo", QtInfoMsg)

namespace cellcrf::demo {

namespace {

using records::FormKey;

// The investigator signs the casebooks of this many finished subjects (the first
// ones whose casebook is ready), so the demonstration shows signed casebooks
// without spending a password check on every subject.
constexpr int signedCasebooks = 12;

// Values entered after this date do not exist yet: a fixed data cut-off keeps
// the same seed giving the same database whatever day it is generated.
const QDate dataCutoff(2026, 10, 31);
const QDate firstConsent(2024, 10, 8);
const QDate lastConsent(2026, 8, 31);

QString num(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

QString isoDate(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

QString yn(bool b)
{
    return b ? QStringLiteral("1") : QStringLiteral("0");
}

// Everything about one synthetic subject, decided up front from its own seed.
struct Story
{
    QString siteOid;
    QString screeningNumber;
    QString initials;
    QString sex;
    int ageYears = 30;
    QDate birth;
    QDate consent;
    double weightKg = 60;
    double heightCm = 165;
    bool screenFailure = false;
    bool phPositive = false;
    QDate infusion;
    // toxicity
    int crsOnset = -1; // day since infusion, -1 none
    int crsDuration = 0;
    int crsMax = 0;
    int icansOnset = -1;
    int icansDuration = 0;
    int icansMax = 0;
    // response
    QString bestResponse; // CR, CRi, MLFS, NR
    bool mrdNegative = false;
    // follow-up (days from randomization for S1904, from infusion for paediatrics)
    int relapseDay = -1;
    int deathDay = -1;
    QString deathCause;
    int mrdConversionDay = -1;
};

class Generator
{
public:
    Generator(records::StudyFile &file, ManualClock &clock, quint64 seed, int total)
        : m_auth(file.database(), clock)
        , m_signatures(file.data(), m_auth, clock)
        , m_data(file.data())
        , m_study(file.study())
        , m_clock(clock)
        , m_seed(seed)
        , m_total(total)
        , m_paediatric(file.study().oid != QLatin1String("s1904"))
    {
        // The file's demo accounts enter the data: the nurse the visits, the
        // investigator eligibility, randomization and the graded assessments.
        for (const auth::DemoAccount &account : auth::demoAccountList()) {
            const Actor actor{account.userName, account.fullName, account.role, {}};
            if (account.role == QLatin1String(auth::role::Nurse))
                m_nurse = actor;
            else if (account.role == QLatin1String(auth::role::Investigator)) {
                m_investigator = actor;
                m_investigatorPassword = account.password;
            }
        }
    }

    Status subject(int index)
    {
        m_rng.seed(m_seed * 1000003ULL + quint64(index));
        Story s = makeStory(index);
        m_clock.set(QDateTime(s.consent, QTime(1, 0), Qt::UTC));
        auto subject = m_data.registerSubject(m_nurse, {s.siteOid, s.screeningNumber, s.initials});
        if (!subject)
            return subject.status();
        m_subjectId = subject->id;
        m_subjectKey = subject->key;
        if (Status e = followStory(s); !e)
            return e;
        return signCasebookIfFinished();
    }

private:
    // Random helpers; all randomness flows from m_rng so a seed fixes everything.
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }
    int uniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    bool chance(double p) { return uniform(0, 1) < p; }
    template<typename T> const T &pick(const QList<T> &list) { return list.at(uniformInt(0, int(list.size()) - 1)); }
    int weighted(const QList<int> &weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = uniformInt(1, total);
        for (int i = 0; i < weights.size(); ++i) {
            r -= weights[i];
            if (r <= 0)
                return i;
        }
        return int(weights.size()) - 1;
    }

    Story makeStory(int index)
    {
        Story s;
        const QList<study::Site> &sites = m_study.sites;
        s.siteOid = sites.at(index % sites.size()).oid;
        const int perSite = index / int(sites.size()) + 1;
        s.screeningNumber = QStringLiteral("%1").arg(perSite, 3, 10, QLatin1Char('0'));
        const QString letters = QStringLiteral("ABCDEFGHJKLMNPQRSTWXYZ");
        s.initials = QString(letters.at(uniformInt(0, int(letters.size()) - 1))) +
                     letters.at(uniformInt(0, int(letters.size()) - 1));
        s.sex = chance(0.55) ? QStringLiteral("M") : QStringLiteral("F");
        s.ageYears = m_paediatric ? uniformInt(2, 17) : (chance(0.12) ? uniformInt(12, 17) : uniformInt(18, 65));
        const qint64 span = firstConsent.daysTo(lastConsent);
        s.consent = firstConsent.addDays(qint64(double(span) * (index + uniform(0, 1)) / double(m_total)));
        s.birth = s.consent.addYears(-s.ageYears).addDays(-uniformInt(1, 360));
        if (s.ageYears >= 16) {
            s.heightCm = s.sex == QLatin1String("M") ? uniform(162, 185) : uniform(152, 172);
            s.weightKg = s.sex == QLatin1String("M") ? uniform(55, 85) : uniform(45, 72);
        } else {
            s.heightCm = 85 + s.ageYears * 6.0 + uniform(-5, 5);
            s.weightKg = 11 + s.ageYears * 2.8 + uniform(-2, 3);
        }
        s.screenFailure = chance(0.12);
        s.phPositive = !m_paediatric && chance(0.2);
        s.infusion = s.consent.addDays(uniformInt(21, 27));
        if (chance(0.75)) {
            s.crsOnset = uniformInt(1, 5);
            s.crsDuration = uniformInt(3, 8);
            s.crsMax = 1 + weighted({50, 34, 12, 4});
        }
        if (chance(s.crsMax >= 2 ? 0.45 : 0.15)) {
            s.icansOnset = std::max(2, (s.crsOnset < 0 ? 3 : s.crsOnset) + uniformInt(1, 3));
            s.icansDuration = uniformInt(2, 5);
            s.icansMax = 1 + weighted({40, 35, 20, 5});
        }
        s.bestResponse =
            QList<QString>{QStringLiteral("CR"), QStringLiteral("CRi"), QStringLiteral("MLFS"), QStringLiteral("NR")}
                .at(weighted({65, 12, 8, 15}));
        s.mrdNegative = s.bestResponse != QLatin1String("NR") && chance(0.85);
        return s;
    }

    // A visit date inside the event's window around its target day.
    QDate visitDate(const QString &eventOid, const QDate &anchorDate)
    {
        const study::Event *e = m_study.event(eventOid);
        if (!e || !e->day)
            return anchorDate;
        const int jitter = uniformInt(-std::min(e->windowBefore, 2), std::min(e->windowAfter, 2));
        return anchorDate.addDays(*e->day + jitter);
    }

    QString preferredCode(const study::CodeList &list)
    {
        static const QStringList calm = {
            QStringLiteral("NEG"),       QStringLiteral("NOTDET"), QStringLiteral("none"),
            QStringLiteral("never"),     QStringLiteral("alert"),  QStringLiteral("not_related"),
            QStringLiteral("recovered"), QStringLiteral("alive"),  QStringLiteral("bm")};
        for (const QString &c : calm) {
            if (list.contains(c))
                return c;
        }
        return list.items.isEmpty() ? QString() : list.items.first().code;
    }

    // A plausible value for a required item the story says nothing about.
    QString filler(const study::Item &item, const QDate &date)
    {
        switch (item.type) {
        case study::ItemType::Date:
            return isoDate(date);
        case study::ItemType::Time:
            return QStringLiteral("09:30");
        case study::ItemType::DateTime:
            return isoDate(date) + QStringLiteral("T09:30");
        case study::ItemType::Integer:
        case study::ItemType::Decimal: {
            const auto lo = item.range.softMin ? item.range.softMin : item.range.hardMin;
            const auto hi = item.range.softMax ? item.range.softMax : item.range.hardMax;
            const double v = lo && hi ? (*lo + *hi) / 2 : (lo ? *lo : (hi ? *hi : 1));
            return item.type == study::ItemType::Integer ? QString::number(qRound64(v))
                                                         : num(v, item.decimals >= 0 ? std::min(item.decimals, 2) : 1);
        }
        case study::ItemType::SingleChoice:
        case study::ItemType::MultipleChoice:
            if (const study::CodeList *list = m_study.codeList(item.codeListOid))
                return preferredCode(*list);
            return {};
        case study::ItemType::YesNo:
            return QStringLiteral("0");
        case study::ItemType::Text:
            return QStringLiteral("Not applicable");
        case study::ItemType::Calculated:
        case study::ItemType::Derived:
            return {};
        }
        return {};
    }

    // Enters one form as a nurse would: what the story says, then plausible values
    // for any other required item that is shown; completes it when it can.
    Status enter(const QString &eventOid, int eventRepeat, const QString &formOid, int formRepeat, const QDate &date,
                 const QMap<QString, QString> &given, const Actor *actor = nullptr)
    {
        if (date > dataCutoff)
            return Status::ok();
        const study::Form *form = m_study.form(formOid);
        if (!form || !m_study.event(eventOid) || !m_study.event(eventOid)->forms.contains(formOid))
            return Status::ok(); // this study does not collect it
        const Actor &who = actor ? *actor : m_nurse;
        m_clock.set(QDateTime(date, QTime(1, 0), Qt::UTC).addSecs(uniformInt(0, 8 * 3600)));

        FormKey key{m_subjectId, eventOid, eventRepeat, formOid, formRepeat};
        FormValues values;
        for (auto it = given.cbegin(); it != given.cend(); ++it) {
            if (form->item(it.key()) && !it.value().isEmpty())
                values.insert(it.key(), ItemEntry{it.value(), {}, false});
        }
        for (int round = 0; round < 4; ++round) {
            auto v = m_data.validate(who, key, values);
            if (!v)
                return v.status();
            bool added = false;
            for (const study::Item &item : form->items) {
                if (item.isComputed() || v->hiddenItems.contains(item.oid) || values.contains(item.oid))
                    continue;
                if (!item.required)
                    continue;
                const QString value = filler(item, date);
                if (!value.isEmpty()) {
                    values.insert(item.oid, ItemEntry{value, {}, false});
                    added = true;
                }
            }
            // Values outside soft limits that the story chose on purpose are confirmed.
            for (const rules::ItemMessage &m : v->messages) {
                if (m.confirmable && values.contains(m.itemOid) && !values[m.itemOid].softConfirmed) {
                    values[m.itemOid].softConfirmed = true;
                    added = true;
                }
            }
            if (!added)
                break;
        }
        records::SaveRequest request;
        request.key = key;
        request.values = values;
        request.complete = true;
        records::SaveOutcome outcome = m_data.saveForm(who, request);
        if (!outcome.status && outcome.status.code() == ErrorCode::InvalidInput && outcome.validation.canSave()) {
            qCDebug(lcDemo) << m_subjectKey << formOid << "saved incomplete:" << outcome.status.message();
            request.complete = false;
            outcome = m_data.saveForm(who, request);
        }
        if (!outcome.status)
            return Status::error(
                outcome.status.code(),
                QStringLiteral("%1 %2/%3: %4").arg(m_subjectKey, eventOid, formOid, outcome.status.message()));
        return Status::ok();
    }

    QMap<QString, QString> demographics(const Story &s)
    {
        return {
            {QStringLiteral("rficdtc"), isoDate(s.consent)},
            {QStringLiteral("icf_version"), QStringLiteral("2.0")},
            {QStringLiteral("icf_signer"), s.ageYears >= 18 ? QStringLiteral("subject") : QStringLiteral("both")},
            {QStringLiteral("assent"), QStringLiteral("1")},
            {QStringLiteral("subjinit"), s.initials},
            {QStringLiteral("hosp_rec_no"), QString::number(uniformInt(100000, 999999))},
            {QStringLiteral("brthdtc"), isoDate(s.birth)},
            {QStringLiteral("sex"), s.sex},
            {QStringLiteral("ethnic"), chance(0.9) ? QStringLiteral("han") : QStringLiteral("minority")},
            {QStringLiteral("weight_kg"), num(s.weightKg, 1)},
            {QStringLiteral("height_cm"), num(s.heightCm, 1)},
        };
    }

    QMap<QString, QString> screening(const Story &s)
    {
        const QDate lab = s.consent.addDays(1);
        QMap<QString, QString> v = {
            {QStringLiteral("dx_dtc"), isoDate(s.consent.addDays(-uniformInt(200, 1200)).addDays(0))},
            {QStringLiteral("disease_status"),
             pick(QList<QString>{QStringLiteral("relapse_early"), QStringLiteral("relapse_multiple"),
                                 QStringLiteral("refractory_primary"), QStringLiteral("refractory_salvage")})},
            {QStringLiteral("extramed_only"), QStringLiteral("0")},
            {QStringLiteral("scr_bm_dtc"), isoDate(lab)},
            {QStringLiteral("scr_bm_blasts"), num(uniform(8, 90), 1)},
            {QStringLiteral("cd19_flow"), QStringLiteral("POS")},
            {QStringLiteral("cd19_sample"), QStringLiteral("bm")},
            {QStringLiteral("ph_status"), s.phPositive ? QStringLiteral("POS") : QStringLiteral("NEG")},
            {QStringLiteral("ecog"), chance(0.6) ? QStringLiteral("0") : QStringLiteral("1")},
            {QStringLiteral("lansky"), QString::number(uniformInt(6, 10) * 10)},
            {QStringLiteral("karnofsky"), QString::number(uniformInt(6, 10) * 10)},
            {QStringLiteral("life_exp_12w"), QStringLiteral("1")},
            {QStringLiteral("lab_dtc"), isoDate(lab)},
            {QStringLiteral("wbc"), num(uniform(1.5, 25), 1)},
            {QStringLiteral("scr_anc"), num(uniform(0.5, 4), 1)},
            {QStringLiteral("scr_hgb"), QString::number(uniformInt(75, 125))},
            {QStringLiteral("scr_plt"), QString::number(uniformInt(30, 200))},
            {QStringLiteral("scr_pb_blasts"), num(uniform(0, 40), 1)},
            {QStringLiteral("ast"), QString::number(uniformInt(15, 70))},
            {QStringLiteral("ast_uln"), QStringLiteral("40")},
            {QStringLiteral("alt"), QString::number(uniformInt(12, 80))},
            {QStringLiteral("alt_uln"), QStringLiteral("40")},
            {QStringLiteral("tbil"), num(uniform(5, 25), 1)},
            {QStringLiteral("tbil_uln"), QStringLiteral("21")},
            {QStringLiteral("creat"), num(s.ageYears >= 16 ? uniform(50, 95) : uniform(25, 60), 0)},
            {QStringLiteral("creat_unit"), QStringLiteral("umol_l")},
            {QStringLiteral("creat_uln"), QStringLiteral("97")},
            {QStringLiteral("spo2_scr"), QString::number(uniformInt(95, 99))},
            {QStringLiteral("ecg_dtc"), isoDate(lab)},
            {QStringLiteral("heart_rate"), QString::number(uniformInt(62, 98))},
            {QStringLiteral("qt_ms"), QString::number(uniformInt(350, 400))},
            {QStringLiteral("echo_dtc"), isoDate(lab.addDays(1))},
            {QStringLiteral("lvef"), QString::number(uniformInt(55, 70))},
            {QStringLiteral("sbp"), QString::number(uniformInt(100, 135))},
            {QStringLiteral("dbp"), QString::number(uniformInt(60, 85))},
            {QStringLiteral("childbearing"), yn(s.sex == QLatin1String("F") && s.ageYears >= 12)},
            {QStringLiteral("preg_test"), QStringLiteral("NEG")},
            {QStringLiteral("preg_dtc"), isoDate(lab)},
            {QStringLiteral("contraception"), QStringLiteral("1")},
            {QStringLiteral("last_chemo_dtc"), isoDate(s.consent.addDays(-uniformInt(12, 30)))},
            {QStringLiteral("last_steroid_dtc"), isoDate(s.consent.addDays(-uniformInt(9, 20)))},
            {QStringLiteral("donor_available"), QStringLiteral("1")},
            {QStringLiteral("elig_dtc"), isoDate(lab.addDays(2))},
            {QStringLiteral("elig_investigator"), QStringLiteral("Demo Investigator")},
        };
        if (s.phPositive) {
            v.insert(QStringLiteral("tki_prior"), QStringLiteral("imatinib|dasatinib"));
            v.insert(QStringLiteral("tki_failed_n"), QStringLiteral("2"));
            v.insert(QStringLiteral("tki_intolerant"), QStringLiteral("0"));
            v.insert(QStringLiteral("t315i"), QStringLiteral("NEG"));
        }
        for (int i = 1; i <= 11; ++i)
            v.insert(QStringLiteral("inc%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("1"));
        for (int i = 1; i <= 23; ++i)
            v.insert(QStringLiteral("exc%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("0"));
        if (s.screenFailure) {
            // A history of CNS disease excludes in both protocols (exclusion 3).
            v.insert(QStringLiteral("cns_disease"), QStringLiteral("1"));
            v.insert(QStringLiteral("exc03"), QStringLiteral("1"));
            v.insert(QStringLiteral("elig_decision"), QStringLiteral("not_eligible"));
            v.insert(QStringLiteral("elig_fail_reason"), QStringLiteral("History of CNS disease (exclusion 3)"));
        } else {
            v.insert(QStringLiteral("elig_decision"), QStringLiteral("eligible"));
        }
        return v;
    }

    // Daily CRS/ICANS values that produce the story's grade for that day.
    QMap<QString, QString> toxicity(const Story &s, int day, const QDate &date)
    {
        auto gradeOn = [](int onset, int duration, int maxGrade, int d) {
            if (onset < 0 || d < onset || d >= onset + duration)
                return 0;
            if (d == onset || d == onset + duration - 1)
                return std::min(maxGrade, 1);
            return maxGrade;
        };
        const int crs = gradeOn(s.crsOnset, s.crsDuration, s.crsMax, day);
        const int icans = gradeOn(s.icansOnset, s.icansDuration, s.icansMax, day);
        const bool inCrsEpisode = s.crsOnset >= 0 && day > s.crsOnset && day < s.crsOnset + s.crsDuration;
        const bool tociGiven = s.crsMax >= 2 && s.crsOnset >= 0 && day > s.crsOnset && day < s.crsOnset + s.crsDuration;
        const bool masked = tociGiven && crs >= 2 && chance(0.5);

        QMap<QString, QString> v = {
            {QStringLiteral("assess_dtc"), isoDate(date)},
            {QStringLiteral("assess_time"), QStringLiteral("08:00")},
            {QStringLiteral("fever_other_cause"), QStringLiteral("0")},
            {QStringLiteral("antipyretic_given"), yn(masked)},
            {QStringLiteral("crs_prev_episode"), yn(inCrsEpisode)},
            {QStringLiteral("vasopressin_added"), QStringLiteral("0")},
            {QStringLiteral("organ_tox_grade"), QString::number(crs >= 3 ? uniformInt(1, 3) : 0)},
            {QStringLiteral("died"), QStringLiteral("0")},
            {QStringLiteral("crs_grade_confirmed"), QStringLiteral("1")},
            {QStringLiteral("icans_grade_confirmed"), QStringLiteral("1")},
            {QStringLiteral("toci_given"), yn(tociGiven)},
            {QStringLiteral("steroid_given"), yn(icans >= 2)},
            {QStringLiteral("icu_transfer"), yn(crs >= 3 || icans >= 3)},
            {QStringLiteral("icu_dtc"), isoDate(date)},
        };
        if (tociGiven) {
            v.insert(QStringLiteral("toci_doses"), QStringLiteral("1"));
            v.insert(QStringLiteral("toci_dose_mg"), num(std::min(800.0, 8 * s.weightKg), 0));
        }
        if (icans >= 2) {
            v.insert(QStringLiteral("steroid_agent"), QStringLiteral("dexamethasone"));
            v.insert(QStringLiteral("steroid_dose_mg"), QStringLiteral("10"));
        }
        // Fever, hypotension and oxygen for the CRS grade (ASTCT 2019).
        const bool fever = crs >= 1 && !masked;
        v.insert(QStringLiteral("temp_c"), num(fever ? uniform(38.0, 39.6) : uniform(36.3, 37.6), 1));
        QString hypotension = QStringLiteral("none");
        QString oxygen = QStringLiteral("none");
        if (crs == 2) {
            if (chance(0.5))
                hypotension = QStringLiteral("no_vasopressor");
            else
                oxygen = QStringLiteral("nasal_cannula");
        } else if (crs == 3) {
            if (chance(0.5))
                hypotension = QStringLiteral("one_vasopressor");
            else
                oxygen = QStringLiteral("facemask");
        } else if (crs == 4) {
            if (chance(0.5))
                hypotension = QStringLiteral("multiple_vasopressors");
            else
                oxygen = QStringLiteral("bipap");
        }
        v.insert(QStringLiteral("hypotension"), hypotension);
        v.insert(QStringLiteral("oxygen"), oxygen);
        v.insert(QStringLiteral("o2_flow_l_min"), num(uniformInt(2, 6), 0));
        v.insert(QStringLiteral("sbp_min"),
                 QString::number(hypotension == QLatin1String("none") ? uniformInt(100, 130) : uniformInt(70, 88)));
        v.insert(QStringLiteral("spo2"),
                 QString::number(oxygen == QLatin1String("none") ? uniformInt(94, 99) : uniformInt(88, 95)));

        // Encephalopathy: ICE from age 12, CAPD below (CLINICAL.md).
        const bool useIce = s.ageYears >= 12;
        v.insert(QStringLiteral("enceph_instrument"), useIce ? QStringLiteral("ice") : QStringLiteral("capd"));
        v.insert(QStringLiteral("dev_delay"), QStringLiteral("0"));
        v.insert(QStringLiteral("consciousness"), icans >= 4              ? QStringLiteral("unarousable")
                                                  : icans == 3            ? QStringLiteral("awakens_to_tactile")
                                                  : icans == 2 && !useIce ? QStringLiteral("awakens_to_voice")
                                                                          : QStringLiteral("alert"));
        v.insert(QStringLiteral("seizure"), QStringLiteral("none"));
        v.insert(QStringLiteral("motor"), QStringLiteral("none"));
        v.insert(QStringLiteral("icp_any"), QStringLiteral("0"));
        v.insert(QStringLiteral("icans_other_cause"), QStringLiteral("0"));
        if (useIce) {
            // ICE points lost for the grade: 10 none, 8 grade 1, 5 grade 2, 1 grade 3, 0 grade 4.
            const int score = QList<int>{10, 8, 5, 1, 0}.at(std::min(icans, 4));
            const QStringList binary = {QStringLiteral("ice_year"),    QStringLiteral("ice_month"),
                                        QStringLiteral("ice_city"),    QStringLiteral("ice_hospital"),
                                        QStringLiteral("ice_command"), QStringLiteral("ice_writing"),
                                        QStringLiteral("ice_counting")};
            const int naming = std::min(3, score);
            int rest = score - naming;
            v.insert(QStringLiteral("ice_naming"), QString::number(naming));
            for (const QString &item : binary) {
                v.insert(item, yn(rest > 0));
                --rest;
            }
        } else if (icans >= 4) {
            v.insert(QStringLiteral("capd_unable"), QStringLiteral("1"));
        } else {
            // CAPD: items 1-4 reversed. 'always' on 1-4 and 'never' on 5-8 is 0.
            const QString reversed = icans == 0   ? QStringLiteral("always")
                                     : icans == 3 ? QStringLiteral("sometimes")
                                                  : QStringLiteral("often");
            for (const char *item : {"capd_eye_contact", "capd_purposeful", "capd_aware", "capd_communicates"})
                v.insert(QString::fromLatin1(item), reversed);
            for (const char *item : {"capd_restless", "capd_inconsolable", "capd_underactive", "capd_slow_response"})
                v.insert(QString::fromLatin1(item), icans == 3 ? QStringLiteral("sometimes") : QStringLiteral("never"));
            v.insert(QStringLiteral("capd_unable"), QStringLiteral("0"));
        }
        auto episode = [&](const QString &prefix, int onset, int duration, int maxGrade) {
            QString state = QStringLiteral("none");
            if (onset >= 0 && day >= onset) {
                const int resolvedDay = onset + duration;
                state = day == onset        ? QStringLiteral("onset")
                        : day < resolvedDay ? QStringLiteral("ongoing")
                                            : QStringLiteral("resolved");
                v.insert(prefix + QStringLiteral("_onset_dtc"), isoDate(s.infusion.addDays(onset)));
                v.insert(prefix + QStringLiteral("_max_grade"), QString::number(maxGrade));
                v.insert(prefix + QStringLiteral("_resolved_dtc"), isoDate(s.infusion.addDays(resolvedDay)));
            }
            v.insert(prefix + QStringLiteral("_episode"), state);
        };
        episode(QStringLiteral("crs"), s.crsOnset, s.crsDuration, s.crsMax);
        episode(QStringLiteral("icans"), s.icansOnset, s.icansDuration, s.icansMax);
        return v;
    }

    QMap<QString, QString> response(const Story &s, const QDate &date, bool relapsed)
    {
        const QString cat = relapsed ? QStringLiteral("relapse") : s.bestResponse;
        const bool remission =
            cat == QLatin1String("CR") || cat == QLatin1String("CRi") || cat == QLatin1String("MLFS");
        const bool countsRecovered = cat == QLatin1String("CR");
        const bool mrdNeg = remission && s.mrdNegative;
        QMap<QString, QString> v = {
            {QStringLiteral("resp_dtc"), isoDate(date)},
            {QStringLiteral("bm_dtc"), isoDate(date)},
            {QStringLiteral("bm_blasts"), num(remission ? uniform(0, 3.5) : uniform(15, 80), 1)},
            // MLFS differs from CRi only by circulating blasts (CLINICAL.md).
            {QStringLiteral("pb_blasts"), yn(!remission || cat == QLatin1String("MLFS"))},
            {QStringLiteral("emd"), QStringLiteral("0")},
            {QStringLiteral("anc"), num(countsRecovered ? uniform(1.2, 4.5) : uniform(0.2, 0.9), 1)},
            {QStringLiteral("plt"), QString::number(countsRecovered ? uniformInt(110, 260) : uniformInt(20, 90))},
            {QStringLiteral("hgb"), QString::number(uniformInt(85, 130))},
            {QStringLiteral("cd19_status"), QStringLiteral("POS")},
            {QStringLiteral("mrd_done"), QStringLiteral("1")},
            {QStringLiteral("mrd_method"), QStringLiteral("flow")},
            {QStringLiteral("mrd_sample"), QStringLiteral("bm")},
            {QStringLiteral("mrd_value_pct"), mrdNeg ? QStringLiteral("0") : num(uniform(0.05, 5), 2)},
            {QStringLiteral("mrd_lod_pct"), QStringLiteral("0.001")},
            {QStringLiteral("mrd_cells"), QString::number(uniformInt(300, 900) * 1000)},
            {QStringLiteral("mrd_result"), mrdNeg ? QStringLiteral("NEG") : QStringLiteral("POS")},
            {QStringLiteral("ngs_done"), QStringLiteral("0")},
            {QStringLiteral("resp_cat"), remission || cat == QLatin1String("relapse") ? cat : QStringLiteral("NR")},
        };
        return v;
    }

    QMap<QString, QString> survival(const QDate &date, const Story &s, const QDate &base)
    {
        const QDate relapse = s.relapseDay >= 0 ? base.addDays(s.relapseDay) : QDate();
        const QDate death = s.deathDay >= 0 ? base.addDays(s.deathDay) : QDate();
        const QDate conversion = s.mrdConversionDay >= 0 ? base.addDays(s.mrdConversionDay) : QDate();
        const bool dead = death.isValid() && death <= date;
        QMap<QString, QString> v = {
            {QStringLiteral("surv_dtc"), isoDate(date)},
            {QStringLiteral("surv_status"), dead ? QStringLiteral("dead") : QStringLiteral("alive")},
            {QStringLiteral("last_contact_dtc"), isoDate(date)},
            {QStringLiteral("relapse"), yn(relapse.isValid() && relapse <= date)},
            {QStringLiteral("relapse_dtc"), relapse.isValid() ? isoDate(relapse) : QString()},
            {QStringLiteral("relapse_site"), QStringLiteral("marrow")},
            {QStringLiteral("relapse_cd19"), chance(0.6) ? QStringLiteral("POS") : QStringLiteral("NEG")},
            {QStringLiteral("mrd_conversion"), yn(conversion.isValid() && conversion <= date)},
            {QStringLiteral("mrd_conv_dtc"), conversion.isValid() ? isoDate(conversion) : QString()},
            {QStringLiteral("new_therapy"), yn(relapse.isValid() && relapse <= date)},
            {QStringLiteral("new_therapy_desc"), QStringLiteral("Salvage chemotherapy")},
        };
        if (dead) {
            v.insert(QStringLiteral("death_dtc"), isoDate(death));
            v.insert(QStringLiteral("death_cause"), s.deathCause);
            v.insert(QStringLiteral("death_cause_text"), s.deathCause == QLatin1String("relapse")
                                                             ? QStringLiteral("Progressive leukaemia")
                                                             : QStringLiteral("Sepsis"));
        }
        return v;
    }

    Status adverseEvents(const Story &s)
    {
        static const QStringList terms = {QStringLiteral("Febrile neutropenia"),
                                          QStringLiteral("Neutrophil count decreased"),
                                          QStringLiteral("Platelet count decreased"),
                                          QStringLiteral("Anemia"),
                                          QStringLiteral("Hypokalemia"),
                                          QStringLiteral("Sinus tachycardia"),
                                          QStringLiteral("Hypogammaglobulinemia"),
                                          QStringLiteral("Pneumonia")};
        const int n = uniformInt(0, 3);
        for (int i = 1; i <= n; ++i) {
            const QDate start = s.infusion.addDays(uniformInt(0, 20));
            const int grade = 1 + weighted({30, 35, 28, 7});
            const bool serious = grade >= 3 && chance(0.5);
            QMap<QString, QString> v = {
                {QStringLiteral("ae_term"), pick(terms)},
                {QStringLiteral("ae_grade"), QString::number(grade)},
                {QStringLiteral("ae_start_dtc"), isoDate(start)},
                {QStringLiteral("ae_ongoing"), QStringLiteral("0")},
                {QStringLiteral("ae_end_dtc"), isoDate(start.addDays(uniformInt(2, 15)))},
                {QStringLiteral("ae_serious"), yn(serious)},
                {QStringLiteral("ae_sae_criteria"), QStringLiteral("hospitalization")},
                {QStringLiteral("ae_rel_cart"),
                 pick(QList<QString>{QStringLiteral("possible"), QStringLiteral("probable"),
                                     QStringLiteral("unlikely")})},
                {QStringLiteral("ae_rel_ld"), QStringLiteral("possible")},
                {QStringLiteral("ae_action"), QStringLiteral("treated")},
                {QStringLiteral("ae_outcome"), QStringLiteral("recovered")},
            };
            if (Status e = enter(QStringLiteral("ae_log"), 1, QStringLiteral("ae"), i, start.addDays(1), v); !e)
                return e;
        }
        return Status::ok();
    }

    Status followStory(Story &s)
    {
        const QString screeningEvent = QStringLiteral("screening");
        if (Status e = enter(screeningEvent, 1, QStringLiteral("dm"), 1, s.consent, demographics(s)); !e)
            return e;
        if (Status e = enter(screeningEvent, 1, QStringLiteral("elig"), 1, s.consent.addDays(3), screening(s),
                             &m_investigator);
            !e)
            return e;
        if (s.screenFailure) {
            m_clock.set(QDateTime(s.consent.addDays(3), QTime(6, 0), Qt::UTC));
            return m_data.setSubjectStatus(m_investigator, m_subjectId,
                                           QString::fromLatin1(records::subjectstatus::ScreenFailed),
                                           QStringLiteral("Not eligible: exclusion 3"));
        }

        const QString coi = QStringLiteral("COI-%1-%2").arg(m_subjectKey).arg(uniformInt(1000, 9999));
        const QDate apheresis = s.consent.addDays(uniformInt(5, 8));
        if (Status e =
                enter(QStringLiteral("apheresis"), 1, QStringLiteral("apheresis"), 1, apheresis,
                      {{QStringLiteral("aph_dtc"), isoDate(apheresis)},
                       {QStringLiteral("aph_centre"), QStringLiteral("Site apheresis unit")},
                       {QStringLiteral("aph_pre_alc"), num(uniform(0.3, 2.5), 1)},
                       {QStringLiteral("aph_pre_cd3"), QString::number(uniformInt(200, 1500))},
                       {QStringLiteral("aph_volume_l"), num(uniform(8, 14), 1)},
                       {QStringLiteral("aph_prod_vol_ml"), num(uniform(80, 250), 0)},
                       {QStringLiteral("coi_id"), coi},
                       {QStringLiteral("aph_product_id"), QStringLiteral("P-%1").arg(uniformInt(100000, 999999))},
                       {QStringLiteral("aph_shipped_dtc"), isoDate(apheresis.addDays(1))},
                       {QStringLiteral("aph_ae"), QStringLiteral("0")}});
            !e)
            return e;

        // Lymphodepletion on days -5 to -3 at the regimen's doses, a few given off-plan.
        const double bsa = std::sqrt(s.heightCm * s.weightKg / 3600.0);
        const double flu = m_study.settings.value(QStringLiteral("fludarabine_mg_per_m2")).toDouble(30) * bsa;
        const double cy = m_study.settings.value(QStringLiteral("cyclophosphamide_mg_per_m2")).toDouble(300) * bsa;
        QMap<QString, QString> ld = {{QStringLiteral("ld_regimen"), QStringLiteral("flu_cy")},
                                     {QStringLiteral("ld_height_cm"), num(s.heightCm, 1)},
                                     {QStringLiteral("ld_weight_kg"), num(s.weightKg, 1)},
                                     {QStringLiteral("ld_deviation"), QStringLiteral("0")}};
        for (int day = 5; day >= 3; --day) {
            ld.insert(QStringLiteral("ld_dm%1_dtc").arg(day), isoDate(s.infusion.addDays(-day)));
            ld.insert(QStringLiteral("flu_dm%1_mg").arg(day), num(flu * (chance(0.05) ? 0.85 : 1.0), 1));
            ld.insert(QStringLiteral("cy_dm%1_mg").arg(day), num(cy, 0));
        }
        if (Status e =
                enter(QStringLiteral("lymphodepletion"), 1, QStringLiteral("lymphodep"), 1, s.infusion.addDays(-3), ld);
            !e)
            return e;

        const double cells = uniform(0.5, 3.0) * s.weightKg; // in 10^6 cells: 0.5-3 x 10^6/kg
        if (Status e = enter(QStringLiteral("infusion"), 1, QStringLiteral("infusion"), 1, s.infusion,
                             {{QStringLiteral("infdtc"), isoDate(s.infusion)},
                              {QStringLiteral("inf_time"), QStringLiteral("10:15")},
                              {QStringLiteral("inf_end_time"), QStringLiteral("10:40")},
                              {QStringLiteral("inf_coi_id"), coi},
                              {QStringLiteral("inf_weight_kg"), num(s.weightKg, 1)},
                              {QStringLiteral("car_cells_total"), num(cells, 1)},
                              {QStringLiteral("car_viability_pct"), num(uniform(82, 97), 1)},
                              {QStringLiteral("inf_complete"), QStringLiteral("1")},
                              {QStringLiteral("premed"), QStringLiteral("paracetamol|antihistamine")},
                              {QStringLiteral("inf_reaction"), QStringLiteral("0")}});
            !e)
            return e;
        if (s.infusion <= dataCutoff) {
            m_clock.set(QDateTime(s.infusion, QTime(6, 0), Qt::UTC));
            if (Status e =
                    m_data.setSubjectStatus(m_nurse, m_subjectId, QString::fromLatin1(records::subjectstatus::OnStudy),
                                            QStringLiteral("CAR-T infused"));
                !e)
                return e;
        }

        // Daily toxicity: day 0 on the infusion visit, days 1-14, then day 21 and 28.
        if (Status e = enter(QStringLiteral("infusion"), 1, QStringLiteral("crs_icans"), 1, s.infusion,
                             toxicity(s, 0, s.infusion), &m_investigator);
            !e)
            return e;
        for (int day = 1; day <= 14; ++day) {
            const QDate d = s.infusion.addDays(day);
            if (Status e = enter(QStringLiteral("tox_d%1").arg(day), 1, QStringLiteral("crs_icans"), 1, d,
                                 toxicity(s, day, d), &m_investigator);
                !e)
                return e;
        }
        for (const QString &event : {QStringLiteral("day21"), QStringLiteral("day28")}) {
            const QDate d = visitDate(event, s.infusion);
            if (Status e = enter(event, 1, QStringLiteral("crs_icans"), 1, d, toxicity(s, int(s.infusion.daysTo(d)), d),
                                 &m_investigator);
                !e)
                return e;
        }
        if (Status e = adverseEvents(s); !e)
            return e;

        return m_paediatric ? paediatricFollowUp(s) : s1904FollowUp(s);
    }

    Status s1904FollowUp(Story &s)
    {
        for (const QString &event : {QStringLiteral("day28"), QStringLiteral("week8"), QStringLiteral("week12")}) {
            const QDate d = visitDate(event, s.infusion);
            if (Status e = enter(event, 1, QStringLiteral("response"), 1, d, response(s, d, false)); !e)
                return e;
        }
        const QDate week12 = visitDate(QStringLiteral("week12"), s.infusion);
        const QDate responseDate = visitDate(QStringLiteral("day28"), s.infusion);
        const bool mlfsOrBetter = s.bestResponse != QLatin1String("NR");
        const bool eligible = mlfsOrBetter && s.mrdNegative;
        if (week12 > dataCutoff)
            return Status::ok();

        QMap<QString, QString> rand = {
            {QStringLiteral("rand_mlfs"), yn(mlfsOrBetter)},
            {QStringLiteral("rand_mrd_neg"), yn(s.mrdNegative && mlfsOrBetter)},
            {QStringLiteral("rand_resp_dtc"), isoDate(responseDate)},
            {QStringLiteral("rand_eligible"), yn(eligible)},
            {QStringLiteral("rand_not_reason"),
             mlfsOrBetter ? QStringLiteral("MRD positive at week 12") : QStringLiteral("No response by week 12")},
        };
        QString arm;
        QString number;
        if (eligible) {
            arm = nextArm(s.siteOid);
            number = QStringLiteral("R%1-%2").arg(s.siteOid).arg(++m_randomized[s.siteOid], 3, 10, QLatin1Char('0'));
            rand.insert(QStringLiteral("randdtc"), isoDate(week12));
            rand.insert(QStringLiteral("rand_no"), number);
            rand.insert(QStringLiteral("rand_arm"), arm);
        }
        if (Status e = enter(QStringLiteral("week12"), 1, QStringLiteral("rand"), 1, week12, rand, &m_investigator); !e)
            return e;
        if (!eligible) {
            m_clock.set(QDateTime(week12, QTime(7, 0), Qt::UTC));
            return m_data.setSubjectStatus(
                m_investigator, m_subjectId, QString::fromLatin1(records::subjectstatus::Completed),
                QStringLiteral("Not randomized: %1").arg(rand.value(QStringLiteral("rand_not_reason"))));
        }
        m_clock.set(QDateTime(week12, QTime(7, 0), Qt::UTC));
        if (Status e = m_data.setSubjectArm(m_investigator, m_subjectId, arm, number); !e)
            return e;

        // Outcomes from randomization: bridging transplant lowers relapse and adds some non-relapse mortality.
        const bool bridging = arm == QLatin1String("bridging_hsct");
        if (chance(bridging ? 0.18 : 0.38)) {
            s.relapseDay = uniformInt(60, 700);
            if (chance(0.5)) {
                s.deathDay = s.relapseDay + uniformInt(30, 200);
                s.deathCause = QStringLiteral("relapse");
            }
            if (chance(0.4))
                s.mrdConversionDay = std::max(30, s.relapseDay - uniformInt(20, 60));
        } else if (chance(bridging ? 0.08 : 0.03)) {
            s.deathDay = uniformInt(40, 500);
            s.deathCause = bridging ? QStringLiteral("gvhd") : QStringLiteral("infection");
        }
        if (bridging && chance(0.9)) {
            const QDate hsct = week12.addDays(uniformInt(30, 60));
            if (Status e =
                    enter(QStringLiteral("transplant"), 1, QStringLiteral("transplant"), 1, hsct,
                          {{QStringLiteral("hsct_done"), QStringLiteral("1")},
                           {QStringLiteral("hsct_dtc"), isoDate(hsct)},
                           {QStringLiteral("donor_type"),
                            pick(QList<QString>{QStringLiteral("matched_sibling"), QStringLiteral("haploidentical"),
                                                QStringLiteral("matched_unrelated")})},
                           {QStringLiteral("conditioning"), QStringLiteral("mac")},
                           {QStringLiteral("conditioning_reg"), QStringLiteral("Bu/Cy/ATG")},
                           {QStringLiteral("cd34_dose"), num(uniform(3, 8), 1)},
                           {QStringLiteral("neut_engraft_dtc"), isoDate(hsct.addDays(uniformInt(11, 18)))},
                           {QStringLiteral("plt_engraft_dtc"), isoDate(hsct.addDays(uniformInt(14, 25)))},
                           {QStringLiteral("agvhd_grade"), QString::number(weighted({50, 25, 15, 8, 2}))}});
                !e)
                return e;
        }
        const QDate death = s.deathDay >= 0 ? week12.addDays(s.deathDay) : QDate();
        const QDate relapse = s.relapseDay >= 0 ? week12.addDays(s.relapseDay) : QDate();
        for (const QString &event : {QStringLiteral("month3"), QStringLiteral("month6"), QStringLiteral("month9"),
                                     QStringLiteral("month12"), QStringLiteral("month18"), QStringLiteral("month24")}) {
            const QDate d = visitDate(event, week12);
            if (death.isValid() && d >= death)
                break;
            if (Status e = enter(event, 1, QStringLiteral("response"), 1, d,
                                 response(s, d, relapse.isValid() && relapse <= d));
                !e)
                return e;
            if (Status e = enter(event, 1, QStringLiteral("survival"), 1, d, survival(d, s, week12)); !e)
                return e;
        }
        return recordDeath(s, death, week12);
    }

    Status paediatricFollowUp(Story &s)
    {
        if (chance(s.bestResponse == QLatin1String("NR") ? 0.25 : 0.05)) {
            s.deathDay = uniformInt(20, 110);
            s.deathCause =
                s.bestResponse == QLatin1String("NR") ? QStringLiteral("relapse") : QStringLiteral("infection");
        }
        if (s.bestResponse != QLatin1String("NR") && chance(0.15))
            s.relapseDay = uniformInt(45, 90);
        const QDate death = s.deathDay >= 0 ? s.infusion.addDays(s.deathDay) : QDate();
        const QDate relapse = s.relapseDay >= 0 ? s.infusion.addDays(s.relapseDay) : QDate();
        for (const QString &event : {QStringLiteral("day28"), QStringLiteral("month2"), QStringLiteral("month3")}) {
            const QDate d = visitDate(event, s.infusion);
            if (death.isValid() && d >= death)
                break;
            if (Status e = enter(event, 1, QStringLiteral("response"), 1, d,
                                 response(s, d, relapse.isValid() && relapse <= d));
                !e)
                return e;
            if (Status e = enter(event, 1, QStringLiteral("survival"), 1, d, survival(d, s, s.infusion)); !e)
                return e;
        }
        return recordDeath(s, death, s.infusion);
    }

    Status recordDeath(const Story &s, const QDate &death, const QDate &base)
    {
        if (!death.isValid() || death > dataCutoff)
            return Status::ok();
        if (Status e =
                enter(QStringLiteral("unscheduled"), 1, QStringLiteral("survival"), 1, death, survival(death, s, base));
            !e)
            return e;
        m_clock.set(QDateTime(death, QTime(9, 0), Qt::UTC));
        return m_data.setSubjectStatus(m_investigator, m_subjectId, QString::fromLatin1(records::subjectstatus::Died),
                                       QStringLiteral("Death reported"));
    }

    // A subject who finished the study (completed, screen failed or died) with
    // every form complete gets the investigator's casebook signature, two weeks
    // after the last entry (or on the data cut-off), up to signedCasebooks.
    Status signCasebookIfFinished()
    {
        if (m_signedCasebooks >= signedCasebooks)
            return Status::ok();
        auto subject = m_data.subject(m_investigator, m_subjectId);
        if (!subject)
            return subject.status();
        const QStringList finished = {QString::fromLatin1(records::subjectstatus::Completed),
                                      QString::fromLatin1(records::subjectstatus::ScreenFailed),
                                      QString::fromLatin1(records::subjectstatus::Died)};
        if (!finished.contains(subject->status))
            return Status::ok();
        auto review = m_signatures.reviewCasebook(m_investigator, m_subjectId);
        if (!review)
            return review.status();
        if (!review->maySign())
            return Status::ok();
        QDateTime when = m_clock.nowUtc().addDays(14);
        if (when.date() > dataCutoff)
            when = std::max(QDateTime(dataCutoff, QTime(12, 0), Qt::UTC), m_clock.nowUtc().addSecs(3600));
        m_clock.set(when);
        auto sig = m_signatures.signCasebook(m_investigator, m_subjectId, records::SignatureMeaning::Approved,
                                             m_investigatorPassword, review->contentHash);
        if (!sig)
            return sig.status();
        ++m_signedCasebooks;
        return Status::ok();
    }

    // Permuted blocks of three per site in the arms' 2:1 ratio.
    QString nextArm(const QString &siteOid)
    {
        QStringList &block = m_blocks[siteOid];
        if (block.isEmpty()) {
            for (const study::Arm &arm : m_study.arms) {
                for (int i = 0; i < arm.ratio; ++i)
                    block.append(arm.oid);
            }
            std::shuffle(block.begin(), block.end(), m_rng);
        }
        return block.takeFirst();
    }

    auth::AuthService m_auth;
    records::Signatures m_signatures;
    records::ClinicalData &m_data;
    const study::Study &m_study;
    ManualClock &m_clock;
    quint64 m_seed;
    int m_total;
    bool m_paediatric;
    std::mt19937_64 m_rng;
    Actor m_nurse;
    Actor m_investigator;
    QString m_investigatorPassword;
    int m_signedCasebooks = 0;
    qint64 m_subjectId = 0;
    QString m_subjectKey;
    QHash<QString, QStringList> m_blocks;
    QHash<QString, int> m_randomized;
};

} // namespace

Result<std::unique_ptr<records::StudyFile>> createDemoDatabase(const QString &path, const DemoOptions &options,
                                                               const Progress &progress)
{
    if (options.subjects < 1 || options.subjects > 100000)
        return Status::error(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("cellcrf::demo", "The number of subjects must be 1 to 100000."));
    ManualClock clock(QDateTime(firstConsent.addDays(-7), QTime(0, 0), Qt::UTC));
    records::CreateOptions create;
    // A device id of the form sync packages require (16 hex digits, SYNC.md
    // §2.1), the same for the same study and seed.
    const QByteArray demoName = QStringLiteral("demo-%1-%2").arg(options.studyOid).arg(options.seed).toUtf8();
    create.deviceId =
        QString::fromLatin1(QCryptographicHash::hash(demoName, QCryptographicHash::Sha256).toHex().left(16));
    create.deviceName = QStringLiteral("Demonstration workstation");
    create.demo = true;
    Status status;
    {
        auto file = records::StudyFile::create(path, options.studyOid, clock, create);
        if (!file)
            return file.status();
        status = auth::createDemoAccounts((*file)->database(), clock);
        if (status)
            status = (*file)->database().setBulkLoad(true);
        Generator generator(**file, clock, options.seed, options.subjects);
        for (int i = 0; i < options.subjects && status.isOk(); ++i) {
            status = generator.subject(i);
            if (progress)
                progress(i + 1, options.subjects);
        }
        if (status)
            status = (*file)->database().setBulkLoad(false);
    }
    if (!status) {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return status;
    }
    // Reopen with the system clock: the demo's own clock ends with it.
    static const SystemClock systemClock;
    return records::StudyFile::open(path, systemClock);
}

} // namespace cellcrf::demo
