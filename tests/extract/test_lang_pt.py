"""Portuguese: whole sentences (written for these tests) for the forms of Brazilian and
European reporting the pack reads: "coima", fines and blocks a platform is "subject to",
blocks kept in force, deadlines and notices that carry a demand, refusals in the
imperfect and the conditional, passive investigations, and the Portuguese names of
countries and of Portuguese and Mozambican regulators."""

from __future__ import annotations

from datetime import date

import pytest

from clampdown.extract.pipeline import extract
from clampdown.model import Document

PUB = date(2024, 9, 20)


def events(text: str) -> list[dict]:
    doc = Document(id="t", text=text, published=PUB, lang="pt")
    return [e.to_dict() for e in extract(doc).events]


def brief(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e["type"], e["actor"], e["target"]) for e in events(text)}


CASES = [
    # "coima" (European Portuguese) and the Portuguese regulators
    ("A Autoridade Nacional de Comunicações aplicou uma coima de 2 milhões de euros à Google.",
     {("FINE", "ANACOM", "Google")}),
    ("A ERC decidiu a aplicação de coima de 20 000 euros à TikTok por violação da lei.",
     {("FINE", "Entidade Reguladora para a Comunicação Social", "TikTok")}),
    # a passive sanction with the platform as subject
    ("A Comissão Nacional de Proteção de Dados investigou a Meta durante um ano. A Meta foi "
     "sancionada com uma coima de 300 mil euros.",
     {("FINE", "Comissão Nacional de Proteção de Dados", "Facebook")}),
    # the fine's possessor is the fined platform
    ("A Anacom concluiu o processo. A coima da NOS, no valor de 500 mil euros, foi aplicada "
     "em maio.",
     {("FINE", "ANACOM", "NOS")}),
    # a country named in Portuguese acts
    ("A Irlanda multou a Meta em 265 milhões de euros.", {("FINE", "Ireland", "Facebook")}),
    ("A Rússia bloqueou o Twitter em março.", {("BLOCK", "Russia", "Twitter")}),
    # a block kept in force, and a date between the verb and the act
    ("O ministro Alexandre de Moraes decidiu manter o bloqueio do X no Brasil.",
     {("BLOCK", "Alexandre de Moraes", "Twitter")}),
    ("O ministro Alexandre de Moraes votou para manter a plataforma Rumble suspensa no Brasil.",
     {("BLOCK", "Alexandre de Moraes", "Rumble")}),
    ("O ministro Alexandre de Moraes determinou, nesta sexta-feira, a suspensão do Rumble.",
     {("BLOCK", "Alexandre de Moraes", "Rumble")}),
    # a deadline and a notice are demands
    ("O ministro Alexandre de Moraes deu 48 horas para que o Rumble indicasse um representante.",
     {("DEMAND", "Alexandre de Moraes", "Rumble")}),
    ("A Anatel começou a notificar o Telegram sobre a decisão do ministro.",
     {("DEMAND", "Anatel", "Telegram")}),
    # the subject of a "que" clause may be long; "adotar" is a demanded action
    ("O Cade determinou que a Apple, dona do iPhone, adote medidas preventivas.",
     {("DEMAND", "CADE", "Apple")}),
    # an investigation opened with a date between the verb and the noun
    ("O Cade abriu, nesta segunda-feira, 3, um inquérito contra o Google.",
     {("LEGAL_ACTION", "CADE", "Google")}),
    # the object of an inquiry follows "apurar se"
    ("O Cade abriu um inquérito para apurar se o Google impõe taxas abusivas.",
     {("LEGAL_ACTION", "CADE", "Google")}),
    # an authority says the platform broke the law
    ("A Comissão Europeia afirma que a Apple violou as regras do mercado digital.",
     {("ACCUSATION", "European Commission", "Apple")}),
    # a notification is an administrative demand
    ("A ANPD notificou a Meta sobre o uso de dados pessoais.",
     {("DEMAND", "National Data Protection Authority", "Facebook")}),
    # an order to stop a practice is demanded of the platform named after it
    ("A ANPD emitiu uma medida preventiva determinando a imediata suspensão da nova política "
     "de privacidade da Meta.",
     {("DEMAND", "National Data Protection Authority", "Facebook")}),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_sentence(text: str, want: set) -> None:
    assert want <= brief(text)


def test_subject_to_a_fine_is_announced() -> None:
    text = ("O Cade abriu um processo contra a Apple. A Apple estará sujeita a uma multa "
            "diária de R$ 250 mil.")
    fines = [e for e in events(text) if e["type"] == "FINE"]
    assert fines and fines[0]["status"] == "announced"
    assert fines[0]["amount"] == 250000


def test_respectively_pairs_amounts_with_targets() -> None:
    text = ("A Comissão Europeia aplicou coimas à Apple e à Meta, de 500 milhões de euros e "
            "200 milhões de euros, respetivamente.")
    amounts = {e["target"]: e["amount"] for e in events(text) if e["type"] == "FINE"}
    assert amounts == {"Apple": 500000000, "Facebook": 200000000}


def test_refusal_in_the_conditional() -> None:
    text = ("O ministro Alexandre de Moraes multou o X. A companhia confirmou que não seguiria "
            "a determinação do ministro.")
    assert ("REFUSAL", "Twitter", "Alexandre de Moraes") in brief(text)


def test_refusal_in_the_imperfect() -> None:
    text = ("O ministro Alexandre de Moraes bloqueou o X porque a empresa se recusava a "
            "excluir perfis.")
    assert any(t == "REFUSAL" and a == "Twitter" for t, a, _ in brief(text))


def test_passive_investigation() -> None:
    text = "A Meta era investigada pela Comissão Europeia desde abril."
    assert ("LEGAL_ACTION", "European Commission", "Facebook") in brief(text)


def test_suspending_a_policy_is_no_block() -> None:
    text = "A ANPD suspende nova política de privacidade da Meta."
    assert not any(t == "BLOCK" for t, _, _ in brief(text))


def test_announced_block_when_subject_to_suspension() -> None:
    text = ("O ministro abriu um inquérito contra o Telegram. O Telegram estará sujeito a "
            "suspensão no Brasil.")
    blocks = [e for e in events(text) if e["type"] == "BLOCK"]
    assert blocks and blocks[0]["status"] == "announced"


# A description ("a empresa", "a rede", "as operadoras") followed by any word refers back.
def test_description_before_a_verb_refers_back() -> None:
    text = ("O Cade abriu um processo contra a Apple. Segundo o tribunal, a empresa cumpriu a "
            "decisão.")
    assert ("COMPLIANCE", "Apple", "CADE") in brief(text)


def test_negation_of_an_earlier_clause_does_not_negate_the_act() -> None:
    text = "A Apple, que não cumpriu a ordem, foi multada pelo Cade em R$ 5 milhões."
    assert ("FINE", "CADE", "Apple") in brief(text)


def test_shared_multiplier_in_a_list_of_amounts() -> None:
    text = ("A Comissão Europeia aplicou coimas à Apple e à Meta, nos valores de 700 e 300 "
            "milhões de euros, respetivamente.")
    amounts = {e["target"]: e["amount"] for e in events(text) if e["type"] == "FINE"}
    assert amounts == {"Apple": 700000000, "Facebook": 300000000}


def test_company_officer_speaks_for_the_company() -> None:
    text = ("O ministro Alexandre de Moraes multou o Rumble. O fundador do Rumble, João Silva, "
            "disse que não cumpriria as decisões do ministro.")
    assert ("REFUSAL", "Rumble", "Alexandre de Moraes") in brief(text)


def test_stated_compliance_of_listed_operators() -> None:
    text = ("O juiz ordenou o bloqueio do WhatsApp. As operadoras Oi e Claro confirmaram que "
            "vão cumprir a ordem.")
    actors = {a for t, a, _ in brief(text) if t == "COMPLIANCE"}
    assert "Oi" in actors and len(actors) == 2


def test_deadline_given_to_the_platform_is_a_demand() -> None:
    text = ("O Cade abriu um inquérito contra o Google. O Google terá até 10 de julho para "
            "prestar esclarecimentos.")
    assert ("DEMAND", "CADE", "Google") in brief(text)


def test_decision_to_apply_a_fine() -> None:
    text = ("A ANACOM concluiu o processo contra a NOS. No caso da NOS, a ANACOM decidiu pela "
            "aplicação de uma coima de 300 mil euros.")
    fines = [e for e in events(text) if e["type"] == "FINE"]
    assert [(f["target"], f["amount"]) for f in fines] == [("NOS", 300000)]


def test_removing_profiles_is_demanded_of_their_platform() -> None:
    got = brief("O ministro Alexandre de Moraes determinou a remoção de perfis do Telegram.")
    assert ("DEMAND", "Alexandre de Moraes", "Telegram") in got
    assert not any(t == "BLOCK" for t, _, _ in got)


def test_breaking_rules_is_no_refusal() -> None:
    text = "A ANACOM multou a NOS porque a operadora não cumpriu as regras de faturação."
    assert not any(t == "REFUSAL" for t, _, _ in brief(text))


def test_refusal_named_by_a_noun() -> None:
    text = ("Em resposta ao descumprimento de decisões judiciais da plataforma Rumble, o "
            "ministro Alexandre de Moraes suspendeu a rede.")
    got = brief(text)
    assert ("REFUSAL", "Rumble", "Alexandre de Moraes") in got
    assert ("BLOCK", "Alexandre de Moraes", "Rumble") in got


def test_an_unknown_capitalised_item_does_not_break_a_list() -> None:
    """"Oi, Sercomtel e Claro": Sercomtel is not in the knowledge base, Oi and Claro both answer."""
    got = brief(
        "A Justiça determinou o bloqueio do WhatsApp. As operadoras Oi, Sercomtel e Claro "
        "confirmaram que irão cumprir a ordem."
    )
    assert {a for t, a, _ in got if t == "COMPLIANCE"} == {"Oi", "América Móvil"}


def test_block_of_a_platform_named_after_its_kind() -> None:
    """"a plataforma de vídeos Rumble": the kind of service is no content taken down."""
    got = brief("O ministro Alexandre de Moraes determinou nesta sexta-feira (21) o bloqueio da "
                "plataforma de vídeos Rumble no Brasil.")
    assert ("BLOCK", "Alexandre de Moraes", "Rumble") in got
    assert not any(t == "DEMAND" for t, _, _ in got)


def test_an_order_told_in_the_pluperfect() -> None:
    got = brief("O ministro Alexandre de Moraes havia determinado que a Apple e o Google "
                "retirassem o aplicativo de suas lojas.")
    assert {("DEMAND", "Apple"), ("DEMAND", "Google")} <= {(t, g) for t, _, g in got}


def test_a_platform_after_a_preposition_and_its_kind_is_no_subject() -> None:
    # "da plataforma X" is a phrase: the fine is the judge's, aimed at "a empresa".
    got = brief(
        "A saída da plataforma Telegram veio depois de o ministro Alexandre de Moraes "
        "aplicar uma multa de R$ 2 milhões à empresa."
    )
    assert ("FINE", "Alexandre de Moraes", "Telegram") in got


def test_a_daily_fine_goes_on_to_its_target() -> None:
    # "por dia" belongs to the amount and ends no clause; "(STF)" is a phrase's name too.
    got = brief(
        "O ministro Alexandre de Moraes, do Supremo Tribunal Federal (STF), elevou a multa "
        "para R$ 100 mil por dia para a plataforma Telegram."
    )
    assert got == {("FINE", "Alexandre de Moraes", "Telegram")}


def test_a_legal_name_does_not_break_a_list() -> None:
    got = brief("O Procon multou as empresas Google Brasil Serviços Ltda. e Apple Brasil Ltda.")
    assert {("FINE", "Procon", "Google"), ("FINE", "Procon", "Apple")} <= got


def test_orders_to_inform_and_notices_by_other_verbs_are_demands() -> None:
    got = brief("O ministro determinou que o Google e o Twitter informem os dados dos perfis.")
    assert {("DEMAND", "Google"), ("DEMAND", "Twitter")} <= {(t, g) for t, _, g in got}
    got = brief("O Procon informou nesta terça-feira ter notificado o Facebook sobre o vazamento.")
    assert ("DEMAND", "Procon", "Facebook") in got
    got = brief("O Ministério Público Federal oficiou a Meta para que esclareça a nova política.")
    assert ("DEMAND", "Meta") in {(t, g) for t, _, g in got} or (
        "DEMAND", "Facebook") in {(t, g) for t, _, g in got}


def test_several_proceedings_opened_at_once() -> None:
    got = brief("A Senacon instaurou nesta semana dois processos contra o Telegram.")
    assert ("LEGAL_ACTION", "National Consumer Secretariat", "Telegram") in got


def test_a_fine_set_for_breaching_an_order_is_announced() -> None:
    evs = events("A ANPD ordenou a interrupção da coleta de dados pelo Telegram, sob pena de "
                 "multa diária de R$ 50 mil.")
    fines = [e for e in evs if e["type"] == "FINE"]
    assert [(e["target"], e["amount"], e["status"]) for e in fines] == [
        ("Telegram", 50000, "announced")]
    evs = events("A Justiça determinou que o Telegram remova os vídeos; em caso de "
                 "descumprimento, a multa diária é de R$ 10 mil.")
    assert ("FINE", "Telegram", "announced") in {(e["type"], e["target"], e["status"]) for e in evs}


def test_a_fine_owed_if_the_platform_does_not_act() -> None:
    evs = events("O ministro do TSE ordenou a desmonetização dos canais. O YouTube, caso não "
                 "o faça, deve pagar multa diária de 20 mil reais.")
    assert ("FINE", "YouTube", "announced") in {(e["type"], e["target"], e["status"]) for e in evs}


def test_a_wire_credit_is_no_party() -> None:
    got = brief("(Reuters) - O ministro Alexandre de Moraes determinou a suspensão do "
                "aplicativo Telegram em todo o país.")
    assert got == {("BLOCK", "Alexandre de Moraes", "Telegram")}


def test_asking_a_platform_to_explain_itself_is_a_demand() -> None:
    got = brief("A Advocacia-Geral da União formalizou uma notificação exigindo explicações "
                "do Telegram.")
    assert ("DEMAND", "Telegram") in {(t, g) for t, _, g in got}


def test_a_platform_made_the_target_of_proceedings() -> None:
    got = brief("O TikTok será alvo de um procedimento aberto pelo Ministério da Justiça.")
    assert ("LEGAL_ACTION", "TikTok") in {(t, g) for t, _, g in got}
    got = brief("O Cade começou a investigar supostas práticas anticompetitivas da Apple.")
    assert ("LEGAL_ACTION", "CADE", "Apple") in got


def test_a_deadline_for_the_platform_to_act_and_the_suspension_it_risks() -> None:
    evs = events("O ministro Alexandre de Moraes deu 48 horas para a plataforma Rumble indicar "
                 "um representante legal. Se a empresa não cumprir o prazo, terá os serviços "
                 "suspensos no Brasil.")
    got = {(e["type"], e["target"], e["status"]) for e in evs}
    assert ("DEMAND", "Rumble", "done") in got
    assert ("BLOCK", "Rumble", "announced") in got


def test_heads_of_platforms_heard_by_the_police() -> None:
    got = brief("O ministro determinou que a Polícia Federal ouça os presidentes do Google e "
                "do Spotify.")
    assert {("SUMMONS", "Google"), ("SUMMONS", "Spotify")} <= {(t, g) for t, _, g in got}


def test_an_infinitive_refusal_after_its_platform() -> None:
    got = brief("O ministro suspendeu o Rumble. A decisão ocorre após a plataforma descumprir "
                "reiteradas ordens judiciais.")
    assert ("REFUSAL", "Rumble") in {(t, a) for t, a, _ in got}


def test_an_app_is_never_the_operator_that_blocks_it() -> None:
    got = brief("As operadoras TIM, Vivo e Nextel receberam a decisão. Em dezembro o aplicativo "
                "já havia sido bloqueado pela Justiça de São Paulo.")
    assert not any(t == "BLOCK" and g in {"TIM", "Vivo", "Nextel"} for t, _, g in got)


def test_brazilian_state_courts_are_known() -> None:
    got = brief("O Tribunal de Justiça de São Paulo multou a Oi em R$ 1 milhão.")
    assert ("FINE", "Court of Justice of São Paulo", "Oi") in got


def test_a_platform_taking_down_a_profile_after_a_fine_complies() -> None:
    got = brief("O ministro multou o Telegram em R$ 700 mil por não cumprir sua decisão. Após "
                "a multa, a empresa suspendeu o perfil em questão.")
    assert ("COMPLIANCE", "Telegram") in {(t, a) for t, a, _ in got}
    got = brief("A Justiça decidiu que as lojas tinham de remover o app. A Apple já deu "
                "seguimento à decisão.")
    assert ("COMPLIANCE", "Apple") in {(t, a) for t, a, _ in got}


def test_an_order_with_its_date_after_a_comma() -> None:
    got = brief("A Justiça determinou, nesta terça-feira (19), que Google e Apple retirem o "
                "aplicativo de suas lojas.")
    assert {("DEMAND", "Google"), ("DEMAND", "Apple")} <= {(t, g) for t, _, g in got}


def test_handing_over_the_documents_asked_for_complies() -> None:
    got = brief("O Supremo Tribunal Federal suspendeu o Rumble. Na quinta-feira, a plataforma "
                "apresentou uma petição junto da documentação exigida pelo STF.")
    assert ("COMPLIANCE", "Rumble") in {(t, a) for t, a, _ in got}


def test_a_deadline_with_commas_around_its_adverb() -> None:
    got = brief("A Comissão Nacional de Proteção de Dados ordenou a suspensão da recolha. A "
                "Worldcoin tem, agora, 24 horas para cumprir esta determinação.")
    assert ("DEMAND", "Worldcoin") in {(t, g) for t, _, g in got}


def test_not_cooperating_with_the_police_is_a_refusal() -> None:
    got = brief("O juiz bloqueou o WhatsApp. O WhatsApp não colaborou com as investigações da "
                "Polícia Federal.")
    assert ("REFUSAL", "WhatsApp") in {(t, a) for t, a, _ in got}


def test_a_fine_for_not_complying_tells_no_separate_refusal() -> None:
    got = brief("O ministro Alexandre de Moraes multou o X por não cumprir a decisão.")
    assert not any(t == "REFUSAL" for t, _, _ in got)


def test_people_of_a_platform_summoned() -> None:
    got = brief("O ministro Alexandre de Moraes intimou o representante legal do Telegram no "
                "Brasil.")
    assert ("SUMMONS", "Alexandre de Moraes", "Telegram") in got
    got = brief("O diretor do Google no Brasil foi intimado a depor na Polícia Federal.")
    assert ("SUMMONS", "Google") in {(t, g) for t, _, g in got}


def test_several_fines_in_one_sentence_each_with_its_amount() -> None:
    evs = events("O STF aplicou multas de R$ 5 milhões ao X e de R$ 2 milhões à Starlink.")
    assert {(e["target"], e["amount"]) for e in evs if e["type"] == "FINE"} == {
        ("Twitter", 5000000), ("Starlink", 2000000)}
    evs = events("O Procon multou o Facebook em R$ 15 milhões, o Twitter em R$ 17 milhões e o "
                 "Google em R$ 3 milhões.")
    assert {(e["target"], e["amount"]) for e in evs if e["type"] == "FINE"} == {
        ("Facebook", 15000000), ("Twitter", 17000000), ("Google", 3000000)}


def test_a_platform_condemned_to_pay() -> None:
    evs = events("A Justiça condenou o Google a pagar R$ 500 mil.")
    assert [(e["type"], e["target"], e["amount"]) for e in evs] == [("FINE", "Google", 500000)]


def test_the_platform_ordered_named_before_what_it_must_do() -> None:
    got = brief("O ministro Alexandre de Moraes mandou o X bloquear os perfis de sete "
                "investigados.")
    assert ("DEMAND", "Alexandre de Moraes", "Twitter") in got
    got = brief("O juiz obrigou o Google a retirar os vídeos do ar.")
    assert ("DEMAND", "Google") in {(t, g) for t, _, g in got}


def test_more_brazilian_and_portuguese_bodies_are_known() -> None:
    got = brief("O Procon-RJ multou a Apple em R$ 1 milhão.")
    assert ("FINE", "Procon", "Apple") in got
    got = brief("O Departamento de Proteção e Defesa do Consumidor multou o Facebook em R$ 6,6 "
                "milhões.")
    assert ("FINE", "National Consumer Secretariat", "Facebook") in got
    got = brief("A Autoridade da Concorrência multou a MEO em 84 milhões de euros.")
    assert ("FINE", "Portuguese Competition Authority", "MEO") in got


def test_a_notice_to_come_is_announced() -> None:
    evs = events("A Advocacia-Geral da União interpelará a empresa Meta sobre a nova política.")
    assert [(e["type"], e["status"]) for e in evs] == [("DEMAND", "announced")]


def test_overturning_a_fine_or_a_decision_blocks_nothing() -> None:
    got = brief("O TSE derrubou a multa aplicada ao Telegram.")
    assert not any(t == "BLOCK" for t, _, _ in got)


def test_a_fine_told_by_its_participle_and_one_paid() -> None:
    got = brief("A multa aplicada ao X pelo STF foi paga com recursos bloqueados.")
    assert ("FINE", "Supreme Federal Court", "Twitter") in got
    got = brief("O ministro multou o X. O X pagou R$ 28,6 milhões em multas.")
    assert ("COMPLIANCE", "Twitter") in {(t, a) for t, a, _ in got}


def test_a_sanction_told_only_as_possible_is_no_act() -> None:
    assert brief("A ANPD pode aplicar multas de até 2% do faturamento ao Facebook.") == set()
    got = brief("O ministro Alexandre de Moraes afirmou que o X poderá ser bloqueado.")
    assert ("BLOCK", "Alexandre de Moraes", "Twitter") in got


def test_frozen_bank_accounts_are_no_block() -> None:
    assert brief("O ministro Alexandre de Moraes determinou o bloqueio das contas bancárias da "
                 "Starlink no Brasil.") == set()
    assert brief("O ministro Alexandre de Moraes determinou o bloqueio de R$ 18 milhões das "
                 "contas do X e da Starlink.") == set()


def test_a_formal_warning_and_an_invitation_to_explain() -> None:
    got = brief("A Anatel enviou uma advertência ao Telegram.")
    assert got == {("WARNING", "Anatel", "Telegram")}
    got = brief("O Senado Federal convidou diretores do Google para explicar a campanha.")
    assert ("SUMMONS", "Google") in {(t, g) for t, _, g in got}


def test_brazilian_delivery_app_fined_by_a_consumer_body() -> None:
    got = brief("O Procon-MG multou o iFood em R$ 1,5 milhão por impor valor mínimo nos pedidos.")
    assert ("FINE", "Procon", "iFood") in got


def test_a_deadline_with_a_definite_or_bare_prazo_and_a_date_between_commas() -> None:
    got = brief("O ministro Alexandre de Moraes concedeu prazo de 24 horas para a rede social X "
                "comprovar a nomeação de um representante.")
    assert ("DEMAND", "Alexandre de Moraes", "Twitter") in got
    got = brief("O ministro Alexandre de Moraes deu 24 horas, na última quinta-feira (19), para "
                "o X comprovar que nomeou responsáveis legais.")
    assert ("DEMAND", "Alexandre de Moraes", "Twitter") in got


def test_an_order_to_stop_a_practice_and_the_fine_the_platform_faces() -> None:
    got = brief("A ANPD determinou a suspensão do uso de dados pessoais das plataformas da Meta.")
    assert ("DEMAND", "National Data Protection Authority", "Facebook") in got
    got = brief("Segundo a ANPD, a Meta enfrentará uma multa diária de R$ 50 mil.")
    assert ("FINE", "National Data Protection Authority", "Facebook") in got


def test_a_fine_with_its_amount_told_by_participle_and_agent() -> None:
    got = brief("O X já pagou a multa de R$ 18,3 milhões, de forma compulsória, estabelecida "
                "pelo STF.")
    assert ("FINE", "Supreme Federal Court", "Twitter") in got
    assert ("COMPLIANCE", "Twitter", "Supreme Federal Court") in got


def test_a_refusal_to_hand_over_or_to_attend_and_a_convocation() -> None:
    got = brief("O Telegram foi intimado pela Justiça a bloquear canais. A empresa não forneceu "
                "os dados pedidos.")
    assert ("REFUSAL", "Telegram") in {(t, a) for t, a, _ in got}
    got = brief("A CPI aprovou nesta quinta-feira a convocação do diretor-geral do Google no "
                "Brasil.")
    assert ("SUMMONS", "Google") in {(t, g) for t, _, g in got}
    got = brief("O presidente da Comissão de Defesa do Consumidor convidou os executivos do "
                "Google. O Google não enviou representantes à reunião.")
    assert ("REFUSAL", "Google") in {(t, a) for t, a, _ in got}


def test_an_inquiry_told_by_participle_and_agent() -> None:
    got = brief("A Polícia Federal ouviu membros da empresa no inquérito aberto pelo Supremo "
                "Tribunal Federal para investigar a conduta do Google e do Telegram.")
    assert ("LEGAL_ACTION", "Supreme Federal Court", "Google") in got
    assert ("LEGAL_ACTION", "Supreme Federal Court", "Telegram") in got
    assert brief("O inquérito aberto pela polícia foi arquivado.") == set()


def test_a_suspension_threatened_for_breaking_an_order_is_a_block_announced() -> None:
    got = brief("O ministro Alexandre de Moraes deu 24 horas para que o Telegram indique um "
                "representante, sob pena da plataforma ser retirada do ar.")
    assert ("BLOCK", "Alexandre de Moraes", "Telegram") in got
    assert ("DEMAND", "Alexandre de Moraes", "Telegram") in got
    blocks = [e for e in events("O ministro Alexandre de Moraes deu 24 horas para que o "
                                "Telegram indique um representante, sob pena da plataforma ser "
                                "retirada do ar.") if e["type"] == "BLOCK"]
    assert [e["status"] for e in blocks] == ["announced"]
    assert ("BLOCK", "WhatsApp") in {
        (t, g) for t, _, g in brief("O juiz deu 24 horas ao WhatsApp, sob pena de imediata "
                                    "suspensão das atividades no Brasil.")}
    # a suspension of profiles is no block of the platform
    assert "BLOCK" not in {t for t, _, _ in brief(
        "O juiz ordenou a remoção de vídeos do YouTube, sob pena de suspensão dos perfis.")}


def test_fines_raised_or_ordered_paid() -> None:
    assert ("FINE", "Telegram") in {
        (t, g) for t, _, g in brief("A Justiça Federal determinou o aumento da multa diária ao "
                                    "Telegram.")}
    got = brief("O ministro Alexandre de Moraes determinou que a rede social Rumble faça o "
                "imediato pagamento de uma multa de R$ 3 milhões.")
    assert ("FINE", "Alexandre de Moraes", "Rumble") in got


def test_answers_paying_naming_a_representative_or_refusing_as_it_goes_on() -> None:
    got = brief("O ministro Alexandre de Moraes multou o X. A rede social X informou que pagou "
                "nesta sexta-feira, 4, o montante de R$ 28,6 milhões em multas cobradas pelo "
                "ministro.")
    assert ("COMPLIANCE", "Twitter", "Alexandre de Moraes") in got
    got = brief("O ministro Alexandre de Moraes intimou o X. Depois de intimado, o X nomeou a "
                "advogada Maria Souza como representante legal da plataforma no Brasil.")
    assert ("COMPLIANCE", "Twitter") in {(t, a) for t, a, _ in got}
    got = brief("O ministro Alexandre de Moraes mandou o Rumble bloquear perfis. A rede social "
                "vem se recusando a derrubar os perfis.")
    assert ("REFUSAL", "Rumble", "Alexandre de Moraes") in got


def test_demands_told_by_the_content_to_remove_or_the_measures_required() -> None:
    assert brief("O ministro Flávio Dino solicitou neste domingo (9) a exclusão de 100 contas do "
                 "TikTok.") == {("DEMAND", "Flávio Dino", "TikTok")}
    assert ("DEMAND", "National Data Protection Authority", "TikTok") in brief(
        "A ANPD abriu um processo. As medidas de regularização exigidas ao TikTok incluem a "
        "desativação do recurso.")
    assert brief("O STF emitiu decisões para que a rede social Rumble bloqueasse perfis.") == {
        ("DEMAND", "Supreme Federal Court", "Rumble")}


def test_blocks_told_by_suspended_activities_or_stopped_access() -> None:
    assert ("BLOCK", "Telegram") in {
        (t, g) for t, _, g in brief("A Justiça Federal decretou na quarta-feira a suspensão "
                                    "temporária das atividades do aplicativo Telegram em todo o "
                                    "país.")}
    assert ("BLOCK", "Telegram") in {
        (t, g) for t, _, g in brief("A Justiça Federal determinou que as operadoras passem a "
                                    "impedir o acesso e o download do aplicativo Telegram.")}
    assert brief("A escola vai impedir o acesso dos alunos ao aplicativo Telegram.") == set()


def test_deadlines_counted_from_a_day_or_to_speak_and_a_penalty_received() -> None:
    assert ("DEMAND", "Instagram") in {
        (t, g) for t, _, g in brief("O Procon-SP deu um prazo de 72 horas a partir de hoje (1º) "
                                    "para que o Instagram esclareça as falhas.")}
    assert ("DEMAND", "Attorney General of the Union", "Facebook") in brief(
        "A Advocacia-Geral da União estabeleceu um prazo de 72 horas para a empresa Meta se "
        "pronunciar sobre as medidas.")
    got = events("A Comissão Europeia concluiu a investigação. A Apple recebeu uma penalidade "
                 "de € 500 milhões da Comissão Europeia.")
    assert [(e["type"], e["target"], e["amount"]) for e in got] == [("FINE", "Apple", 500000000)]


def test_a_year_of_the_deed_punished_does_not_date_the_fine() -> None:
    doc = Document(
        id="t",
        text="O Ministério da Justiça aplicou multa de 6,6 milhões de reais contra a Meta por "
        "compartilhamento indevido de dados de usuários em 2018.",
        published=date(2022, 8, 23),
        lang="pt",
    )
    assert [e.date for e in extract(doc).events] == ["2022-08-23"]
    # "por dia" is no reason: the month after it is the fine's
    doc = Document(
        id="t", text="O STF multou o X em R$ 5 milhões por dia em agosto.",
        published=date(2024, 9, 23), lang="pt",
    )
    assert [e.date for e in extract(doc).events] == ["2024-08"]


def test_a_body_described_as_another_states_is_that_states_not_the_last_named() -> None:
    got = events(
        "O Cade abriu uma investigação sobre o Google. Em julho, o órgão antitruste da União "
        "Europeia multou o Google em 4 bilhões de euros."
    )
    fines = [e for e in got if e["type"] == "FINE"]
    assert [(e["actor"], e["country"]) for e in fines] == [("European Union", "EU")]
    # a body of that state named before is the one meant
    got = events(
        "A Comissão de Proteção de Dados da Irlanda abriu um inquérito ao TikTok. O Cade "
        "investiga o Google. Em maio, o regulador de dados da Irlanda multou o TikTok em "
        "345 milhões de euros."
    )
    fines = [e for e in got if e["type"] == "FINE"]
    assert [e["actor"] for e in fines] == ["Data Protection Commission"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a condition before the penalty in its sentence, or after it in its clause
        ("O ministro Alexandre de Moraes determinou que o Telegram apague a mensagem. Se a "
         "decisão não for cumprida, Moraes determinou a suspensão do aplicativo por 72 horas.",
         {("DEMAND", "done"), ("BLOCK", "announced")}),
        ("Moraes fixou uma multa diária de R$ 100 mil ao Telegram caso descumpra a ordem.",
         {("FINE", "announced")}),
        # a condition told for the next act only leaves the first one done
        ("O STF multou o Telegram em R$ 5 milhões e determinou a suspensão caso não pague.",
         {("FINE", "done"), ("BLOCK", "announced")}),
    ],
)
def test_a_penalty_waiting_on_a_condition_is_announced(text: str, want: set) -> None:
    assert {(e["type"], e["status"]) for e in events(text)} == want


def test_a_penalty_for_not_obeying_the_order_before_it_is_on_that_platform() -> None:
    # the sentence opens by referring back to the order of the sentence before
    got = events(
        "O ministério determinou que o Kwai retire os vídeos. Em caso de descumprimento, "
        "fica estabelecida uma multa diária de R$ 20 mil."
    )
    fines = [e for e in got if e["type"] == "FINE"]
    assert [(e["target"], e["amount"], e["status"]) for e in fines] == [
        ("Kuaishou", 20000, "announced")
    ]
    assert "determinou" in fines[0]["evidence"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A Rússia bloqueou o Telegram. As autoridades russas não explicaram a medida.", "RU"),
        ("O Irã bloqueou o Instagram em setembro.", "IR"),
        ("A Austrália multou o X em 600 mil dólares australianos.", "AU"),
    ],
)
def test_portuguese_names_of_states(text: str, country: str) -> None:
    assert {e["country"] for e in events(text)} == {country}


# "a gigante tecnológica" names the company the story is about, as "a empresa" does.
def test_tech_giant_refers_back_to_the_company() -> None:
    text = ("A ANPD abriu um processo contra a Apple. O órgão aplicou uma coima de 3 milhões "
            "de euros à gigante tecnológica.")
    assert ("FINE", "National Data Protection Authority", "Apple") in brief(text)
    plain = ("A ANPD abriu um processo contra a Apple. O órgão aplicou uma coima de 3 milhões "
             "de euros à gigante.")
    assert ("FINE", "National Data Protection Authority", "Apple") not in brief(plain)


# Sums and then as many dates, "respetivamente": each sum takes the date in its place.
def test_sums_take_their_dates_respectively() -> None:
    text = ("A ANPD aplicou à Meta coimas de 390 milhões de euros e 265 milhões de euros, "
            "respetivamente, em janeiro e novembro de 2022.")
    dates = {e["amount"]: e["date"] for e in events(text) if e["type"] == "FINE"}
    assert dates == {390_000_000: "2022-01", 265_000_000: "2022-11"}


@pytest.mark.parametrize("joined", ["bem como", "assim como"])
def test_a_list_goes_on_after_as_well_as(joined: str) -> None:
    got = brief(f"O governo da China bloqueou o YouTube, {joined} o Facebook e o Twitter.")
    assert {tg for t, _, tg in got if t == "BLOCK"} == {"YouTube", "Facebook", "Twitter"}


@pytest.mark.parametrize(
    "text",
    [
        "O ministro Alexandre de Moraes ordenou que o X indicasse um representante. "
        "O X anunciou que descumpriria decisões do STF.",
        "O ministro Alexandre de Moraes ordenou que o X indicasse um representante. "
        "O X afirmou que não cumpriria as ordens.",
    ],
)
def test_a_platform_telling_its_own_refusal_is_its_party(text: str) -> None:
    assert any(t == "REFUSAL" and a == "Twitter" for t, a, _ in brief(text))


def test_a_platform_telling_of_another_act_gives_no_refusal() -> None:
    got = brief("O X anunciou que o Telegram foi bloqueado pelo STF.")
    assert not any(t == "REFUSAL" for t, _, _ in got)


def test_an_act_being_prepared_is_announced() -> None:
    prepared = events("A Anatel se prepara para bloquear o Telegram no Brasil.")
    assert [(e["type"], e["status"]) for e in prepared] == [("BLOCK", "announced")]
    done = events("A Anatel bloqueou o Telegram no Brasil.")
    assert [(e["type"], e["status"]) for e in done] == [("BLOCK", "done")]


# General wordings of the acts and the answers: the headline present, infraction notices
# with a sum, access cut, bans of a named service, official letters, orders received,
# present refusals, compliance told by a gerund, and the bodies and companies referred
# back to by a common noun ("a pasta", "a autoridade", "a controladora").
WORDINGS = [
    ("Procon-SP multa Apple em R$ 10 milhões por vender celular sem carregador.",
     ("FINE", "Procon", "Apple")),
    ("Cade multa Google por abuso de posição dominante.", ("FINE", "CADE", "Google")),
    ("O Procon-SP autuou o Google em R$ 2 milhões por publicidade enganosa.",
     ("FINE", "Procon", "Google")),
    ("O executivo comunitário aplicou uma coima de 500 milhões de euros à Apple.",
     ("FINE", "European Commission", "Apple")),
    ("O governo cortou o acesso ao WhatsApp em todo o país.", ("BLOCK", None, "WhatsApp")),
    ("O MPF expediu ofício ao Kwai solicitando esclarecimentos sobre os contratos.",
     ("DEMAND", "Federal Public Prosecutor's Office of Brazil", "Kuaishou")),
    ("O Telegram não cumpre as decisões do STF.",
     ("REFUSAL", "Telegram", "Supreme Federal Court")),
    ("O Telegram recusa-se a cumprir a ordem do STF.",
     ("REFUSAL", "Telegram", "Supreme Federal Court")),
    ("Cumprindo a decisão do STF, o X bloqueou os perfis.",
     ("COMPLIANCE", "Twitter", "Supreme Federal Court")),
    ("O Ministério da Justiça analisou o caso do Telegram. A pasta determinou que o "
     "aplicativo removesse os perfis.",
     ("DEMAND", "Ministry of Justice and Public Security", "Telegram")),
]


@pytest.mark.parametrize(("text", "expected"), WORDINGS)
def test_general_wordings(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert expected in brief(text)


@pytest.mark.parametrize("text", [
    "A Anatel multa operadoras por falhas.",  # no named platform after the verb
    "O presidente vetou o projeto de lei das redes sociais.",
    "A empresa cortou o acesso de funcionários ao sistema.",
    "O MPF expediu um ofício à Polícia Federal.",
    "O Twitter voltou a crescer no Brasil.",
    "A autoridade de trânsito multou o motorista.",
])
def test_near_misses_of_the_general_wordings(text: str) -> None:
    assert brief(text) == set()


# A verb with no subject written opening its sentence: the platform the passage just named
# answers or is acted on (the pack's `drops_subjects`).
DROPPED_SUBJECTS = [
    ("O Supremo Tribunal Federal ordenou ao Telegram que removesse os perfis. A empresa foi "
     "notificada ontem. Descumpriu a ordem e ignorou o prazo.",
     ("REFUSAL", "Telegram", "Supreme Federal Court")),
    ("A Anatel notificou o Telegram na segunda-feira. Foi multado em R$ 500 mil por "
     "descumprir a decisão.",
     ("FINE", "Anatel", "Telegram")),
    ("A Anatel notificou o Telegram na segunda-feira. Foi multado a pedido da PF.",
     ("FINE", "Anatel", "Telegram")),
    ("O X recebeu uma ordem do STF para bloquear perfis. Cumpriu a decisão nesta quarta-feira.",
     ("COMPLIANCE", "Twitter", "Supreme Federal Court")),
    ("O STF mandou o X bloquear contas. Na semana seguinte, não cumpriu a determinação.",
     ("REFUSAL", "Twitter", "Supreme Federal Court")),
]


# A pronoun object joined to its verb by a hyphen is the platform named last.
@pytest.mark.parametrize(("text", "expected"), [
    ("A CNPD abriu um processo contra a Meta em 2021. Multou-a agora em 1,2 milhões de euros.",
     ("FINE", "CNPD", "Facebook")),
    ("O Telegram ignorou as ordens. Por isso, o STF multou-o em R$ 1 milhão.",
     ("FINE", "Supreme Federal Court", "Telegram")),
])
def test_pronoun_joined_to_the_verb(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in brief(text)


def test_pronoun_joined_to_a_block_is_not_read_as_the_platform() -> None:
    # the pronoun is the video, not the platform named last
    found = brief("O STF mandou o X remover o vídeo e bloqueá-lo.")
    assert not [e for e in found if e[0] == "BLOCK"]


def test_second_fine_on_the_same_party_is_another_act() -> None:
    text = ("A Comissão Europeia aplicou uma multa à Google de 2,95 mil milhões de euros. A multa "
            "mais elevada foi aplicada também à Google, em 2018, por violação das regras.")
    fines = [e for e in events(text) if e["type"] == "FINE"]
    assert len(fines) == 2


def test_shared_acronym_is_decided_by_the_story_state() -> None:
    pt = brief("A CNPD de Portugal multou a Meta em 1 milhão de euros.")
    assert ("FINE", "Comissão Nacional de Proteção de Dados", "Facebook") in pt
    doc = Document(id="t", text="Luxembourg's data regulator, the CNPD, fined Amazon 746 million "
                   "euros.", published=PUB, lang="en")
    assert [e.actor for e in extract(doc).events] == ["National Commission for Data Protection"]


@pytest.mark.parametrize(("text", "expected"), DROPPED_SUBJECTS)
def test_dropped_subject_is_the_platform_named_before(
    text: str, expected: tuple[str, str | None, str | None]
) -> None:
    found = [e for e in events(text) if (e["type"], e["actor"], e["target"]) == expected]
    assert found
    # the evidence runs back to the sentence that names the platform
    assert found[0]["evidence"].startswith(text.split(". ")[0])


def test_without_the_flag_no_subject_is_carried_over() -> None:
    # English writes its subjects: the same step is off for its pack
    text = "The court ordered Telegram to remove the channels. Ignored the order."
    doc = Document(id="t", text=text, published=PUB, lang="en")
    assert not [e for e in extract(doc).events if e.type == "REFUSAL"]


@pytest.mark.parametrize("text", [
    # a subject of its own before the verb: the users, not the platform
    "O STF mandou o X bloquear contas. Os usuários descumpriram a ordem.",
    # the sentence before opens with the platform: its own act, no state's
    "O Telegram recebeu a ordem na sexta-feira. Bloqueou os canais indicados.",
    # the platform was named three sentences before, in another paragraph
    "O STF mandou o X bloquear contas.\n\nO tribunal reuniu-se ontem. Descumpriu a ordem.",
    # a passive whose subject follows it (`subject_after`): the profiles, the trial
    "O Telegram foi notificado ontem. Foi bloqueado o perfil do deputado.",
    "O X foi notificado pelo STF. Depois, foi suspenso o julgamento do caso.",
    "O X foi notificado pelo STF. Foram suspensos os perfis de 20 investigados.",
])
def test_dropped_subject_near_misses(text: str) -> None:
    assert not {t for t, _, _ in brief(text)} & {"REFUSAL", "COMPLIANCE", "BLOCK"}


# A company described by its trade ("a gigante das buscas", "o buscador", "a startup") refers
# back to the company named before, as "a empresa" does.
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("O Google lançou um produto. O Cade multou a gigante das buscas em R$ 100 milhões.",
         "Google"),
        ("O Google lançou um produto. O Cade multou o buscador em R$ 100 milhões.", "Google"),
        ("O Uber cresce no Brasil. O Procon multou a startup em R$ 1 milhão.", "Uber"),
    ],
)
def test_a_trade_refers_back_to_the_company(text: str, target: str) -> None:
    assert [(e["type"], e["target"]) for e in events(text)] == [("FINE", target)]



# Wordings of Portuguese reporting in general that the pack lacked (sentences written for
# these tests): a service barred or restricted, a block still or newly in force, carriers
# told to block, a service's activity stopped; requests for information, deadlines and
# orders told by their noun or in a headline's present; a fine to pay told with its noun,
# fines accrued; a hearing asked for or to come; refusals in compound tenses or by operating
# on; investigations under way; a warning to a named platform.
INVENTORY = [
    ("A Roskomnadzor impôs restrições ao WhatsApp.", ("BLOCK", "Roskomnadzor", "WhatsApp")),
    ("O LinkedIn continua bloqueado na Rússia.", ("BLOCK", "Russia", "LinkedIn")),
    ("Anatel manda operadoras bloquearem o X no Brasil.", ("BLOCK", "Anatel", "Twitter")),
    ("O tribunal ordenou a cessação da atividade da Uber em Portugal.",
     ("BLOCK", "Portugal", "Uber")),
    ("A Comissão Europeia enviou um pedido de informação ao X.",
     ("DEMAND", "European Commission", "Twitter")),
    ("Moraes dá 24 horas para X nomear representante no Brasil.",
     ("DEMAND", "Alexandre de Moraes", "Twitter")),
    ("Moraes determina que X indique representante legal em 24 horas.",
     ("DEMAND", "Alexandre de Moraes", "Twitter")),
    ("A Meta terá de pagar 1,2 mil milhões de euros de coima.", ("FINE", None, "Facebook")),
    ("O X acumula R$ 18,35 milhões em multas aplicadas pelo STF.",
     ("FINE", "Supreme Federal Court", "Twitter")),
    ("A comissão parlamentar requereu a audição dos responsáveis da Uber.",
     ("SUMMONS", None, "Uber")),
    ("Diretor do Google vai depor na CPI.", ("SUMMONS", None, "Google")),
    ("O Facebook teria se recusado a fornecer informações à Polícia Federal.",
     ("REFUSAL", "Facebook", "Federal Police of Brazil")),
    ("A Uber continuou a operar em Portugal apesar da proibição do tribunal.",
     ("REFUSAL", "Uber", "Portugal")),
    ("A Autoridade da Concorrência está a investigar a Uber.",
     ("LEGAL_ACTION", "Portuguese Competition Authority", "Uber")),
    ("O TSE alertou o Telegram sobre as consequências.",
     ("WARNING", "Superior Electoral Court", "Telegram")),
]


@pytest.mark.parametrize(("text", "expected"), INVENTORY)
def test_wordings_of_the_inventory(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert expected in brief(text)


def test_a_hearing_asked_for_is_no_demand() -> None:
    assert {t for t, _, _ in brief(
        "A comissão parlamentar requereu a audição dos responsáveis da Uber."
    )} == {"SUMMONS"}


@pytest.mark.parametrize("text", [
    "A Justiça bloqueou R$ 19,5 milhões do Facebook.",  # a sum frozen, no block
    "O WhatsApp saiu do ar por duas horas nesta terça-feira.",  # an outage, no order
    "O governo impôs restrições às importações de carros.",
    "A Uber continuou a operar em Portugal depois de 2020.",
    "O Cade deu início a uma nova fase.",
    "A polícia está a investigar o incêndio.",
    "O TSE alertou os eleitores sobre as fraudes.",
    "A Receita impôs restrições ao Mercado Livre na importação.",  # on one trade, no block
    "A empresa continuou operando normalmente, apesar da crise.",  # defies no order
])
def test_near_misses_of_the_inventory(text: str) -> None:
    assert brief(text) == set()
