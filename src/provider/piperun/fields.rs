//! The PipeRun CXM talk (atendimento) webhook, described field by field.
//!
//! The talk's own fields are the vendor's field table (`Documented`), in its
//! order, with its Portuguese descriptions. The nested objects are shown only
//! by the vendor's example payload, so their fields are `Inferred`: typed as
//! the example shows them (a field named `*_at` is a datetime) and optional.

use crate::schema::{
    Choice, DateStyle, Field, IdForm, Pii, Presence, Rule, Severity, Shape, Ty, choice, field,
    inferred, inferred_required,
};

use Presence::{Optional as SIM, Required as NAO};

/// The `external_id`s the example gives both as strings and as integers
/// (`customer` and `service_catalog` as strings, `event` as an integer):
/// either form is accepted, the other one with a warning.
const ID_STRING: Ty = Ty::IdEither {
    preferred: IdForm::String,
};
const ID_INT: Ty = Ty::IdEither {
    preferred: IdForm::Int,
};

const DT: Ty = Ty::Datetime(DateStyle::Rfc3339OrLocal);

/// `initiation_type` values and their meaning, in the vendor's words
/// (from the field's description).
pub const INITIATION_TYPES: &[Choice] = &[
    choice("c", "comment").pt("Comentário em um story da empresa no Instagram ou Facebook"),
    choice("m", "mention").pt("Menção em um story do cliente do Instagram ou Facebook"),
    choice("n", "normal").pt("Normal"),
    choice("r", "reaction").pt("Reação em um story da empresa no Instagram ou Facebook"),
];

/// The talk table of the vendor's documentation.
pub static TALK: &[Field] = &[
    field(
        "id",
        Ty::Int,
        NAO,
        "Identificador interno do atendimento;",
        "talk id",
    ),
    field(
        "customer_id",
        Ty::Int,
        NAO,
        "Identificador interno do cliente;",
        "customer id",
    ),
    field(
        "agent_id",
        Ty::Int,
        SIM,
        "Identificador interno do agente;",
        "agent id",
    ),
    field(
        "queue_id",
        Ty::Int,
        SIM,
        "Identificador interno da fila de atendimento;",
        "queue id",
    ),
    field(
        "channel_id",
        Ty::Int,
        NAO,
        "Identificador interno do canal;",
        "channel id",
    ),
    field(
        "priority_id",
        Ty::Int,
        NAO,
        "Identificador interno da prioridade;",
        "priority id",
    ),
    field(
        "finished_at",
        DT,
        SIM,
        "Data/hora da finalização do atendimento;",
        "when the talk was finished",
    ),
    field(
        "was_success",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento foi encerrado por uma tabulação positiva ou não;",
        "closed with a positive tabulation",
    ),
    field(
        "created_at",
        DT,
        NAO,
        "Data/hora do início do atendimento;",
        "when the talk started",
    ),
    field(
        "has_schedule",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento está em agendamento ou não;",
        "the talk is scheduled",
    ),
    field(
        "is_critical",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento está classificado como crítico ou não;",
        "the talk is classified critical",
    ),
    field(
        "score",
        Ty::Int,
        SIM,
        "Nota da pesquisa de satisfação enviado após a finalização do atendimento;",
        "satisfaction survey score",
    ),
    field(
        "rating_survey_id",
        Ty::Int,
        SIM,
        "ID interno da pesquisa de satisfação enviada para o cliente após a finalização do atendimento;",
        "satisfaction survey id",
    ),
    field(
        "started_at",
        DT,
        SIM,
        "Data/hora que o atendimento foi encaminhado para a fila de espera;",
        "when the talk entered the waiting queue",
    ),
    field(
        "is_simulation",
        Ty::Bool,
        NAO,
        "APENAS PARA USO INTERNO",
        "internal use only",
    ),
    field(
        "simulation_bot_id",
        Ty::Int,
        SIM,
        "APENAS PARA USO INTERNO",
        "internal use only",
    ),
    field(
        "latitude",
        Ty::String,
        SIM,
        "Latitude da instalação do serviço contratado pelo cliente; OBS: Esta informação está disponível apenas para contas que possuem integrações com ERP's que disponibilizam a localização do cliente;",
        "latitude of the customer's installation (ERP integrations only)",
    ).personal(Pii::Location),
    field(
        "longitude",
        Ty::String,
        SIM,
        "Longitude da instalação do serviço contratado pelo cliente; OBS: Esta informação está disponível apenas para contas que possuem integrações com ERP's que disponibilizam a localização do cliente;",
        "longitude of the customer's installation (ERP integrations only)",
    ).personal(Pii::Location),
    field(
        "initial_sender_channel",
        Ty::Int,
        NAO,
        "ID interno do canal que iniciou o atendimento;",
        "channel that opened the talk",
    ),
    field(
        "is_waiting",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento está em espera ou não;",
        "the talk is waiting",
    ),
    field(
        "was_expired",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento foi encerrado por tempo de espera expirado ou não;",
        "closed because the wait expired",
    ),
    field(
        "delivered_at",
        DT,
        SIM,
        "Data/hora que o atendimento foi distribuído para um agente humano;",
        "when a human agent got the talk",
    ),
    field(
        "last_waiting_message_at",
        DT,
        SIM,
        "Data/hora da última mensagem de espera enviada para o cliente;",
        "last waiting message sent",
    ),
    field(
        "is_shopping",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento foi iniciado pelo HubStore ou não;",
        "started from HubStore",
    ),
    field(
        "is_ads",
        Ty::Bool,
        NAO,
        "Flag para identificar se o atendimento possui alguma mensagem recebidas através de um link de anúncio da Meta;",
        "has a message from a Meta ad link",
    ),
    field(
        "last_webchat_request_at",
        DT,
        SIM,
        "APENAS PARA USO INTERNO",
        "internal use only",
    ),
    field(
        "scaled_to",
        Ty::Int,
        SIM,
        "Identificador interno do agente para o qual o atendimento foi escalonado;",
        "agent the talk was escalated to",
    ),
    field(
        "client_ip",
        Ty::String,
        SIM,
        "IP do cliente; OBS: Esta informação está disponível apenas para atendimento através do canal Webchat;",
        "customer IP (Webchat only)",
    ).personal(Pii::Ip),
    field(
        "client_user_agent",
        Ty::String,
        SIM,
        "User agent do browser do cliente; OBS: Esta informação está disponível apenas para atendimento através do canal Webchat;",
        "customer browser user agent (Webchat only)",
    ).personal(Pii::UserAgent),
    field(
        "survey_id",
        Ty::Int,
        SIM,
        "Identificador interno de pesquisa que gerou o atendimento;",
        "survey that opened the talk",
    ),
    field(
        "talk_category_id",
        Ty::Int,
        SIM,
        "Identificador interno da categoria do atendimento;",
        "talk category id",
    ),
    field(
        "talk_service_id",
        Ty::Int,
        SIM,
        "Identificador interno do catálogo de serviço do atendimento;",
        "service catalog id",
    ),
    field(
        "initiation_type",
        Ty::Enum {
            values: INITIATION_TYPES,
            severity: Severity::Error,
        },
        NAO,
        "Flag para identificar a origem da abertura do atendimento: c (comment): Comentário em um story da empresa no Instagram ou Facebook; m (mention): Menção em um story do cliente do Instagram ou Facebook; n (normal): Normal; r (reaction): Reação em um story da empresa no Instagram ou Facebook;",
        "how the talk was opened: comment, mention, normal, reaction",
    ),
    field(
        "delivered_to",
        Ty::Int,
        SIM,
        "Identificador interno do agente para o qual o atendimento foi distribuído;",
        "agent the talk was delivered to",
    ),
    field(
        "external_protocol",
        Ty::String,
        SIM,
        "Número do protocolo externo do atendimento; OBS: Esta informação está disponível apenas para as contas que fazem atualização desse campo através da API;",
        "external protocol number (set through the API)",
    ),
    field(
        "tracking_number",
        Ty::String,
        NAO,
        "Número do protocolo do atendimento;",
        "talk protocol number",
    ),
    field(
        "url_viewer",
        Ty::Url,
        NAO,
        "URL do visualizador de atendimento que pode ser incorporado em outro sistema utilizando um iframe. OBS: Para o funcionamento do visualizador de atendimento, o host do site de origem precisa ser informado para a PipeRun para que possa ser adicionado à lista de permissões da conta;",
        "embeddable talk viewer URL",
    ).personal(Pii::Url),
    field(
        "talk_histories",
        Ty::List(&Ty::Object(TALK_HISTORY)),
        SIM,
        "Histórico de mensagens do atendimento;",
        "the talk's messages",
    ),
    field(
        "customer",
        Ty::Object(CUSTOMER),
        NAO,
        "Dados do cliente;",
        "the customer",
    ),
    field(
        "talk_events",
        Ty::List(&Ty::Object(TALK_EVENT)),
        SIM,
        "Lista de tabulações do atendimento;",
        "the talk's tabulations",
    ),
    field(
        "bot_variables",
        Ty::List(&Ty::Object(BOT_VARIABLE)),
        SIM,
        "Lista das variáveis capturadas pelo Bot que efetuou o pré-atendimento;",
        "variables captured by the pre-service bot",
    ),
    field(
        "bot",
        Ty::Object(BOT),
        SIM,
        "Dados do Bot que efetuou o pré-atendimento;",
        "the pre-service bot",
    ),
    field(
        "service_catalog",
        Ty::Object(SERVICE_CATALOG),
        SIM,
        "Dados do serviço;",
        "the service",
    ),
];

/// Message `type` values (inferred from the example and public consumers).
pub const MESSAGE_TYPES: &[Choice] = &[
    choice("in", "incoming: sent by the customer"),
    choice("out", "outgoing: sent by an agent or a bot"),
    choice("system", "a system notice in the talk"),
];

/// A `talk_histories` item (inferred from the example).
pub static TALK_HISTORY: &[Field] = &[
    inferred_required("id", Ty::Int, "message id"),
    inferred("talk_id", Ty::Int, "talk the message belongs to"),
    inferred("user_id", Ty::Int, "user who sent it"),
    inferred("queue_id", Ty::Int, "queue"),
    inferred("channel_id", Ty::Int, "channel"),
    inferred("message", Ty::String, "message text").personal(Pii::Text),
    inferred("has_attachment", Ty::Bool, "has an attachment"),
    inferred("attachment_url", Ty::Url, "attachment URL").personal(Pii::Url),
    inferred("attachment_type_id", Ty::Int, "attachment type"),
    inferred("sent_at", DT, "when it was sent"),
    inferred("delivered_at", DT, "when it was delivered"),
    inferred("read_at", DT, "when it was read"),
    inferred("created_at", DT, "when it was stored"),
    inferred("was_read", Ty::Bool, "was read"),
    inferred("has_highlight", Ty::Bool, "is highlighted"),
    inferred("from", Ty::String, "sender address").personal(Pii::Phone),
    inferred(
        "type",
        Ty::Enum {
            values: MESSAGE_TYPES,
            severity: Severity::Warning,
        },
        "in, out or system",
    ),
    inferred("to", Ty::String, "recipient address").personal(Pii::Phone),
    inferred("external_id", Ty::String, "channel's message id").personal(Pii::Token),
    inferred("left_at", DT, "when it left"),
    inferred("has_error", Ty::Bool, "delivery failed"),
    inferred("campaign_id", Ty::Int, "campaign"),
    inferred("was_blocked", Ty::Bool, "was blocked"),
    inferred("is_template", Ty::Bool, "is a template message"),
    inferred("response_from", Ty::Any, "message answered"),
    inferred("fare", Ty::String, "fare charged"),
    inferred("error_reason", Ty::String, "why delivery failed"),
    inferred("template_id", Ty::Int, "template"),
    inferred("original_message", Ty::String, "message before edits").personal(Pii::Text),
    inferred("subject", Ty::String, "subject").personal(Pii::Text),
    inferred("exceeded_allowance", Ty::Bool, "exceeded the allowance"),
    inferred("is_intervention", Ty::Bool, "is an intervention"),
    inferred("is_forwarded", Ty::Bool, "was forwarded"),
    inferred(
        "is_frequently_forwarded",
        Ty::Bool,
        "was forwarded many times",
    ),
    inferred("is_ads", Ty::Bool, "came from an ad"),
    inferred("send_after", DT, "scheduled send time"),
    inferred("is_reverted_template", Ty::Bool, "is a reverted template"),
    inferred("reaction", Ty::Any, "reaction"),
    inferred("customer_reaction", Ty::Any, "customer's reaction"),
    inferred("status", Ty::Int, "delivery status code"),
    inferred("is_hidden", Ty::Bool, "is hidden"),
    inferred("file_name", Ty::String, "attachment file name").personal(Pii::Text),
    inferred("attachment_type", Ty::Any, "attachment type"),
    inferred("user", Ty::Object(USER), "the sending user"),
    inferred("channel", Ty::Object(CHANNEL), "the channel"),
];

/// `talk_histories[].user` (inferred).
pub static USER: &[Field] = &[
    inferred("id", Ty::Int, "user id"),
    inferred("branch_id", Ty::Int, "branch"),
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred("login", Ty::String, "login").personal(Pii::Name),
    inferred("email", Ty::Email, "e-mail").personal(Pii::Email),
    inferred("level_id", Ty::Int, "level"),
    inferred("language_id", Ty::Int, "language"),
    inferred("can_external_access", Ty::Bool, "may access externally"),
    inferred("email_verified_at", DT, "when the e-mail was verified"),
    inferred("created_at", DT, "when the user was created"),
    inferred("is_active", Ty::Bool, "is active"),
    inferred("is_bot", Ty::Bool, "is a bot"),
    inferred("whatsapp_number", Ty::String, "WhatsApp number").personal(Pii::Phone),
    inferred("can_api_access", Ty::Bool, "may use the API"),
    inferred("preferences", Ty::Any, "user interface preferences"),
    inferred("can_export_report", Ty::Bool, "may export reports"),
    inferred("user_id", Ty::Int, "account user id"),
    inferred("force_change_password", Ty::Bool, "must change password"),
    inferred("support_external_id", Ty::Any, "support id"),
    inferred("last_login_mode", Ty::Any, "last login mode"),
    inferred(
        "show_bot_academy_advice",
        Ty::Bool,
        "shows bot academy advice",
    ),
    inferred("last_login_method", Ty::String, "last login method"),
];

/// `talk_histories[].channel` (inferred).
pub static CHANNEL: &[Field] = &[
    inferred("id", Ty::Int, "channel id"),
    inferred("description", Ty::String, "channel name, e.g. WhatsApp"),
    inferred("icon_class", Ty::String, "icon"),
    inferred("priority", Ty::Int, "priority"),
    inferred("primary_color", Ty::Color, "primary color"),
    inferred("secondary_color", Ty::Color, "secondary color"),
    inferred("is_active", Ty::Bool, "is active"),
    inferred("incoming_type", Ty::String, "incoming type"),
    inferred("enable_emoji", Ty::Bool, "emoji enabled"),
    inferred("enable_audio", Ty::Bool, "audio enabled"),
    inferred("enable_attachment", Ty::Bool, "attachments enabled"),
    inferred("allow_campaign", Ty::Bool, "campaigns allowed"),
    inferred("provider_id", Ty::Int, "provider"),
    inferred("unitary_price", Ty::String, "unit price"),
    inferred("template_price", Ty::String, "template price"),
    inferred("outgoing_type", Ty::String, "outgoing type"),
    inferred("allow_bot", Ty::Bool, "bots allowed"),
    inferred("additional_price", Ty::String, "additional price"),
    inferred("messages_allowance", Ty::Int, "message allowance"),
];

/// `customer` (inferred).
pub static CUSTOMER: &[Field] = &[
    inferred_required("id", Ty::Int, "customer id"),
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred("external_id", ID_STRING, "id in the account's own system"),
    inferred("document_number", Ty::String, "document (CPF/CNPJ)").personal(Pii::Document),
    inferred("wildcard_01", Ty::String, "free field 1").personal(Pii::Text),
    inferred("wildcard_02", Ty::String, "free field 2").personal(Pii::Text),
    inferred("wildcard_03", Ty::String, "free field 3").personal(Pii::Text),
    inferred("wildcard_04", Ty::String, "free field 4").personal(Pii::Text),
    inferred("wildcard_05", Ty::String, "free field 5").personal(Pii::Text),
    inferred("wildcard_06", Ty::String, "free field 6").personal(Pii::Text),
    inferred("wildcard_07", Ty::String, "free field 7").personal(Pii::Text),
    inferred("wildcard_08", Ty::String, "free field 8").personal(Pii::Text),
    inferred("wildcard_09", Ty::String, "free field 9").personal(Pii::Text),
    inferred("wildcard_10", Ty::String, "free field 10").personal(Pii::Text),
    inferred("created_at", DT, "when the customer was created"),
    inferred("main_sms", Ty::Int, "main SMS telephone id"),
    inferred("main_whatsapp", Ty::Int, "main WhatsApp telephone id"),
    inferred("main_email", Ty::Int, "main e-mail id"),
    inferred("agent_id", Ty::Int, "owning agent"),
    inferred("queue_id", Ty::Int, "owning queue"),
    inferred("customer_group_id", Ty::Int, "customer group"),
    inferred("profile_picture_url", Ty::Url, "profile picture").personal(Pii::Url),
    inferred("is_priority", Ty::Bool, "is a priority customer"),
    inferred("last_base_api", Ty::Any, "last base API"),
    inferred("customer_organization_id", Ty::Int, "organization"),
    inferred("crmv_user_id", Ty::Int, "CRM user"),
    inferred("crmv_person_id", Ty::Int, "CRM person"),
    inferred("is_active", Ty::Bool, "is active"),
    inferred("cxm_user_id", Ty::Int, "CXM user"),
    inferred(
        "profile_info",
        Ty::Object(PROFILE_INFO),
        "social network profile",
    ),
    inferred(
        "custom_fields",
        Ty::Map(&Ty::Any),
        "the account's custom fields",
    )
    .personal(Pii::Text),
    inferred("telephones", Ty::List(&Ty::Object(TELEPHONE)), "telephones"),
    inferred("emails", Ty::List(&Ty::Object(EMAIL)), "e-mail addresses"),
];

/// `customer.profile_info` (inferred).
pub static PROFILE_INFO: &[Field] = &[
    inferred("name", Ty::String, "profile name").personal(Pii::Name),
    inferred("username", Ty::String, "user name").personal(Pii::Name),
    inferred("profile_pic", Ty::Url, "profile picture URL").personal(Pii::Url),
    inferred("is_verified_user", Ty::Bool, "is verified"),
    inferred("follower_count", Ty::Int, "followers"),
    inferred("is_user_follow_business", Ty::Bool, "follows the business"),
    inferred(
        "is_business_follow_user",
        Ty::Bool,
        "the business follows them",
    ),
    inferred("id", Ty::String, "profile id").personal(Pii::Token),
];

/// `customer.telephones[]` (inferred).
pub static TELEPHONE: &[Field] = &[
    inferred("id", Ty::Int, "telephone id"),
    inferred("customer_id", Ty::Int, "customer"),
    inferred("area_code", Ty::String, "area code"),
    inferred("number", Ty::String, "number").personal(Pii::Phone),
    inferred("type", Ty::String, "type (m: mobile)"),
    inferred("level_id", Ty::String, "level"),
    inferred("has_sms", Ty::Bool, "takes SMS"),
    inferred("has_whatsapp", Ty::Bool, "has WhatsApp"),
    inferred("has_whatsapp_api", Ty::Bool, "has the WhatsApp API"),
    inferred("wa_is_business", Ty::Bool, "WhatsApp business"),
    inferred("wa_is_enterprise", Ty::Bool, "WhatsApp enterprise"),
    inferred("wa_contact_name", Ty::String, "WhatsApp contact name").personal(Pii::Name),
    inferred("wa_pushname", Ty::String, "WhatsApp push name").personal(Pii::Name),
    inferred("wa_verified_level", Ty::Any, "WhatsApp verified level"),
    inferred("wa_verified_name", Ty::String, "WhatsApp verified name").personal(Pii::Name),
    inferred("wa_profile_picture", Ty::Url, "WhatsApp profile picture").personal(Pii::Url),
    inferred("session_expires_at", DT, "when the session expires"),
    inferred("insert_origin", Ty::String, "how it was added"),
    inferred("inserted_by", Ty::Int, "who added it"),
    inferred("country_code", Ty::String, "country code"),
    inferred("country_iso2", Ty::String, "country"),
    inferred("full_number", Ty::String, "number with area code").personal(Pii::Phone),
    inferred("full_number_cc", Ty::String, "number with country code").personal(Pii::Phone),
];

/// `customer.emails[]` (inferred).
pub static EMAIL: &[Field] = &[
    inferred("id", Ty::Int, "e-mail id"),
    inferred("customer_id", Ty::Int, "customer"),
    inferred("email", Ty::Email, "address").personal(Pii::Email),
    inferred("level_id", Ty::String, "level"),
    inferred("insert_origin", Ty::String, "how it was added"),
    inferred("inserted_by", Ty::Int, "who added it"),
    inferred("unsubscribed_at", DT, "when it unsubscribed"),
];

/// `talk_events[]` (inferred).
pub static TALK_EVENT: &[Field] = &[
    inferred("id", Ty::Int, "tabulation id"),
    inferred("talk_id", Ty::Int, "talk"),
    inferred("event_id", Ty::Int, "event"),
    inferred("queue_id", Ty::Int, "queue"),
    inferred("is_success", Ty::Bool, "is a positive tabulation"),
    inferred("created_at", DT, "when it was recorded"),
    inferred("agent_id", Ty::Int, "agent"),
    inferred("channel_id", Ty::Int, "channel"),
    inferred("reaction_type", Ty::String, "reaction type code"),
    inferred("reaction_type_description", Ty::String, "reaction type"),
    inferred("event", Ty::Object(EVENT), "the event"),
];

/// `talk_events[].event` (inferred).
pub static EVENT: &[Field] = &[
    inferred("id", Ty::Int, "event id"),
    inferred("description", Ty::String, "event description"),
    inferred("external_id", ID_INT, "id in the account's own system"),
];

/// `bot_variables[]` (inferred).
pub static BOT_VARIABLE: &[Field] = &[
    inferred("var_name", Ty::String, "variable name"),
    inferred("value", Ty::Any, "captured value").personal(Pii::Text),
];

/// `bot` (inferred).
pub static BOT: &[Field] = &[
    inferred("id", Ty::Int, "bot id"),
    inferred("description", Ty::String, "bot name"),
];

/// `service_catalog` (inferred).
pub static SERVICE_CATALOG: &[Field] = &[
    inferred("id", Ty::Int, "service id"),
    inferred("description", Ty::String, "service name"),
    inferred("external_id", ID_STRING, "id in the account's own system"),
];

/// Cross-field rules.
pub const RULES: &[Rule] = &[
    Rule::Equal {
        path: &["talk_histories", "*", "talk_id"],
        target: &["id"],
        severity: Severity::Error,
    },
    Rule::Equal {
        path: &["talk_events", "*", "talk_id"],
        target: &["id"],
        severity: Severity::Error,
    },
    Rule::Equal {
        path: &["customer", "id"],
        target: &["customer_id"],
        severity: Severity::Error,
    },
    Rule::Equal {
        path: &["customer", "telephones", "*", "customer_id"],
        target: &["customer_id"],
        severity: Severity::Error,
    },
    Rule::Equal {
        path: &["customer", "emails", "*", "customer_id"],
        target: &["customer_id"],
        severity: Severity::Error,
    },
    Rule::NotBefore {
        earlier: &["created_at"],
        later: &["finished_at"],
    },
];

/// The talk webhook body.
pub static TALK_SHAPE: Shape = Shape {
    name: "PipeRun talk",
    fields: TALK,
    rules: RULES,
    empty_array_is_object: true,
};

/// Talk fields too generic to tell a talk from another object; every other
/// field of [`TALK`] counts towards detection.
pub const GENERIC_FIELDS: &[&str] = &[
    "id",
    "created_at",
    "score",
    "latitude",
    "longitude",
    "customer",
    "bot",
    "agent_id",
    "queue_id",
    "finished_at",
    "started_at",
    "delivered_at",
];

/// How many distinctive talk fields make an object a PipeRun talk.
pub const DETECTION_THRESHOLD: usize = 4;
