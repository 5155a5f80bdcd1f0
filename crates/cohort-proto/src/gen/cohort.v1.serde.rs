impl serde::Serialize for Address {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.country_id.is_empty() {
            len += 1;
        }
        if !self.region.is_empty() {
            len += 1;
        }
        if !self.region_id.is_empty() {
            len += 1;
        }
        if !self.postcode.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Address", len)?;
        if !self.country_id.is_empty() {
            struct_ser.serialize_field("countryId", &self.country_id)?;
        }
        if !self.region.is_empty() {
            struct_ser.serialize_field("region", &self.region)?;
        }
        if !self.region_id.is_empty() {
            struct_ser.serialize_field("regionId", &self.region_id)?;
        }
        if !self.postcode.is_empty() {
            struct_ser.serialize_field("postcode", &self.postcode)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Address {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "country_id",
            "countryId",
            "region",
            "region_id",
            "regionId",
            "postcode",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            CountryId,
            Region,
            RegionId,
            Postcode,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "countryId" | "country_id" => Ok(GeneratedField::CountryId),
                            "region" => Ok(GeneratedField::Region),
                            "regionId" | "region_id" => Ok(GeneratedField::RegionId),
                            "postcode" => Ok(GeneratedField::Postcode),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Address;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Address")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Address, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut country_id__ = None;
                let mut region__ = None;
                let mut region_id__ = None;
                let mut postcode__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::CountryId => {
                            if country_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("countryId"));
                            }
                            country_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Region => {
                            if region__.is_some() {
                                return Err(serde::de::Error::duplicate_field("region"));
                            }
                            region__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RegionId => {
                            if region_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("regionId"));
                            }
                            region_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Postcode => {
                            if postcode__.is_some() {
                                return Err(serde::de::Error::duplicate_field("postcode"));
                            }
                            postcode__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Address {
                    country_id: country_id__.unwrap_or_default(),
                    region: region__.unwrap_or_default(),
                    region_id: region_id__.unwrap_or_default(),
                    postcode: postcode__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Address", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AddressAttribute {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "ADDRESS_ATTRIBUTE_UNSPECIFIED",
            Self::Subtotal => "ADDRESS_ATTRIBUTE_SUBTOTAL",
            Self::SubtotalWithDiscount => "ADDRESS_ATTRIBUTE_SUBTOTAL_WITH_DISCOUNT",
            Self::SubtotalInclTax => "ADDRESS_ATTRIBUTE_SUBTOTAL_INCL_TAX",
            Self::TotalQty => "ADDRESS_ATTRIBUTE_TOTAL_QTY",
            Self::Weight => "ADDRESS_ATTRIBUTE_WEIGHT",
            Self::PaymentMethod => "ADDRESS_ATTRIBUTE_PAYMENT_METHOD",
            Self::ShippingMethod => "ADDRESS_ATTRIBUTE_SHIPPING_METHOD",
            Self::Postcode => "ADDRESS_ATTRIBUTE_POSTCODE",
            Self::Region => "ADDRESS_ATTRIBUTE_REGION",
            Self::RegionId => "ADDRESS_ATTRIBUTE_REGION_ID",
            Self::CountryId => "ADDRESS_ATTRIBUTE_COUNTRY_ID",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for AddressAttribute {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "ADDRESS_ATTRIBUTE_UNSPECIFIED",
            "ADDRESS_ATTRIBUTE_SUBTOTAL",
            "ADDRESS_ATTRIBUTE_SUBTOTAL_WITH_DISCOUNT",
            "ADDRESS_ATTRIBUTE_SUBTOTAL_INCL_TAX",
            "ADDRESS_ATTRIBUTE_TOTAL_QTY",
            "ADDRESS_ATTRIBUTE_WEIGHT",
            "ADDRESS_ATTRIBUTE_PAYMENT_METHOD",
            "ADDRESS_ATTRIBUTE_SHIPPING_METHOD",
            "ADDRESS_ATTRIBUTE_POSTCODE",
            "ADDRESS_ATTRIBUTE_REGION",
            "ADDRESS_ATTRIBUTE_REGION_ID",
            "ADDRESS_ATTRIBUTE_COUNTRY_ID",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = AddressAttribute;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "ADDRESS_ATTRIBUTE_UNSPECIFIED" => Ok(AddressAttribute::Unspecified),
                    "ADDRESS_ATTRIBUTE_SUBTOTAL" => Ok(AddressAttribute::Subtotal),
                    "ADDRESS_ATTRIBUTE_SUBTOTAL_WITH_DISCOUNT" => Ok(AddressAttribute::SubtotalWithDiscount),
                    "ADDRESS_ATTRIBUTE_SUBTOTAL_INCL_TAX" => Ok(AddressAttribute::SubtotalInclTax),
                    "ADDRESS_ATTRIBUTE_TOTAL_QTY" => Ok(AddressAttribute::TotalQty),
                    "ADDRESS_ATTRIBUTE_WEIGHT" => Ok(AddressAttribute::Weight),
                    "ADDRESS_ATTRIBUTE_PAYMENT_METHOD" => Ok(AddressAttribute::PaymentMethod),
                    "ADDRESS_ATTRIBUTE_SHIPPING_METHOD" => Ok(AddressAttribute::ShippingMethod),
                    "ADDRESS_ATTRIBUTE_POSTCODE" => Ok(AddressAttribute::Postcode),
                    "ADDRESS_ATTRIBUTE_REGION" => Ok(AddressAttribute::Region),
                    "ADDRESS_ATTRIBUTE_REGION_ID" => Ok(AddressAttribute::RegionId),
                    "ADDRESS_ATTRIBUTE_COUNTRY_ID" => Ok(AddressAttribute::CountryId),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for AddressCondition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attribute != 0 {
            len += 1;
        }
        if self.operator != 0 {
            len += 1;
        }
        if !self.values.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.AddressCondition", len)?;
        if self.attribute != 0 {
            let v = AddressAttribute::try_from(self.attribute)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.attribute)))?;
            struct_ser.serialize_field("attribute", &v)?;
        }
        if self.operator != 0 {
            let v = Operator::try_from(self.operator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.operator)))?;
            struct_ser.serialize_field("operator", &v)?;
        }
        if !self.values.is_empty() {
            struct_ser.serialize_field("values", &self.values)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AddressCondition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attribute",
            "operator",
            "values",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attribute,
            Operator,
            Values,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attribute" => Ok(GeneratedField::Attribute),
                            "operator" => Ok(GeneratedField::Operator),
                            "values" => Ok(GeneratedField::Values),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AddressCondition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.AddressCondition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AddressCondition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attribute__ = None;
                let mut operator__ = None;
                let mut values__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attribute => {
                            if attribute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attribute"));
                            }
                            attribute__ = Some(map_.next_value::<AddressAttribute>()? as i32);
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value::<Operator>()? as i32);
                        }
                        GeneratedField::Values => {
                            if values__.is_some() {
                                return Err(serde::de::Error::duplicate_field("values"));
                            }
                            values__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(AddressCondition {
                    attribute: attribute__.unwrap_or_default(),
                    operator: operator__.unwrap_or_default(),
                    values: values__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.AddressCondition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Aggregator {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "AGGREGATOR_UNSPECIFIED",
            Self::All => "AGGREGATOR_ALL",
            Self::Any => "AGGREGATOR_ANY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Aggregator {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "AGGREGATOR_UNSPECIFIED",
            "AGGREGATOR_ALL",
            "AGGREGATOR_ANY",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = Aggregator;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "AGGREGATOR_UNSPECIFIED" => Ok(Aggregator::Unspecified),
                    "AGGREGATOR_ALL" => Ok(Aggregator::All),
                    "AGGREGATOR_ANY" => Ok(Aggregator::Any),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for AppliedRule {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.label.is_empty() {
            len += 1;
        }
        if !self.discount_amount.is_empty() {
            len += 1;
        }
        if !self.shipping_discount.is_empty() {
            len += 1;
        }
        if !self.coupon_code.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.AppliedRule", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.label.is_empty() {
            struct_ser.serialize_field("label", &self.label)?;
        }
        if !self.discount_amount.is_empty() {
            struct_ser.serialize_field("discountAmount", &self.discount_amount)?;
        }
        if !self.shipping_discount.is_empty() {
            struct_ser.serialize_field("shippingDiscount", &self.shipping_discount)?;
        }
        if !self.coupon_code.is_empty() {
            struct_ser.serialize_field("couponCode", &self.coupon_code)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AppliedRule {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "name",
            "label",
            "discount_amount",
            "discountAmount",
            "shipping_discount",
            "shippingDiscount",
            "coupon_code",
            "couponCode",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            Name,
            Label,
            DiscountAmount,
            ShippingDiscount,
            CouponCode,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "name" => Ok(GeneratedField::Name),
                            "label" => Ok(GeneratedField::Label),
                            "discountAmount" | "discount_amount" => Ok(GeneratedField::DiscountAmount),
                            "shippingDiscount" | "shipping_discount" => Ok(GeneratedField::ShippingDiscount),
                            "couponCode" | "coupon_code" => Ok(GeneratedField::CouponCode),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AppliedRule;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.AppliedRule")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AppliedRule, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut name__ = None;
                let mut label__ = None;
                let mut discount_amount__ = None;
                let mut shipping_discount__ = None;
                let mut coupon_code__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Label => {
                            if label__.is_some() {
                                return Err(serde::de::Error::duplicate_field("label"));
                            }
                            label__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DiscountAmount => {
                            if discount_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountAmount"));
                            }
                            discount_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ShippingDiscount => {
                            if shipping_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingDiscount"));
                            }
                            shipping_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CouponCode => {
                            if coupon_code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponCode"));
                            }
                            coupon_code__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(AppliedRule {
                    rule_id: rule_id__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    label: label__.unwrap_or_default(),
                    discount_amount: discount_amount__.unwrap_or_default(),
                    shipping_discount: shipping_discount__.unwrap_or_default(),
                    coupon_code: coupon_code__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.AppliedRule", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Audience {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.origin.is_empty() {
            len += 1;
        }
        if self.state != 0 {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if self.synced_at.is_some() {
            len += 1;
        }
        if !self.rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Audience", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.origin.is_empty() {
            struct_ser.serialize_field("origin", &self.origin)?;
        }
        if self.state != 0 {
            let v = AudienceState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updatedAt", v)?;
        }
        if let Some(v) = self.synced_at.as_ref() {
            struct_ser.serialize_field("syncedAt", v)?;
        }
        if !self.rule_ids.is_empty() {
            struct_ser.serialize_field("ruleIds", &self.rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Audience {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "description",
            "namespace",
            "origin",
            "state",
            "updated_at",
            "updatedAt",
            "synced_at",
            "syncedAt",
            "rule_ids",
            "ruleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Name,
            Description,
            Namespace,
            Origin,
            State,
            UpdatedAt,
            SyncedAt,
            RuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "name" => Ok(GeneratedField::Name),
                            "description" => Ok(GeneratedField::Description),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "origin" => Ok(GeneratedField::Origin),
                            "state" => Ok(GeneratedField::State),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "syncedAt" | "synced_at" => Ok(GeneratedField::SyncedAt),
                            "ruleIds" | "rule_ids" => Ok(GeneratedField::RuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Audience;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Audience")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Audience, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut name__ = None;
                let mut description__ = None;
                let mut namespace__ = None;
                let mut origin__ = None;
                let mut state__ = None;
                let mut updated_at__ = None;
                let mut synced_at__ = None;
                let mut rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Origin => {
                            if origin__.is_some() {
                                return Err(serde::de::Error::duplicate_field("origin"));
                            }
                            origin__ = Some(map_.next_value()?);
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<AudienceState>()? as i32);
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::SyncedAt => {
                            if synced_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("syncedAt"));
                            }
                            synced_at__ = map_.next_value()?;
                        }
                        GeneratedField::RuleIds => {
                            if rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleIds"));
                            }
                            rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(Audience {
                    id: id__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    origin: origin__.unwrap_or_default(),
                    state: state__.unwrap_or_default(),
                    updated_at: updated_at__,
                    synced_at: synced_at__,
                    rule_ids: rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Audience", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AudienceCondition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.operator != 0 {
            len += 1;
        }
        if !self.audience_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.AudienceCondition", len)?;
        if self.operator != 0 {
            let v = AudienceOperator::try_from(self.operator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.operator)))?;
            struct_ser.serialize_field("operator", &v)?;
        }
        if !self.audience_ids.is_empty() {
            struct_ser.serialize_field("audienceIds", &self.audience_ids)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AudienceCondition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "operator",
            "audience_ids",
            "audienceIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Operator,
            AudienceIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "operator" => Ok(GeneratedField::Operator),
                            "audienceIds" | "audience_ids" => Ok(GeneratedField::AudienceIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AudienceCondition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.AudienceCondition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AudienceCondition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut operator__ = None;
                let mut audience_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value::<AudienceOperator>()? as i32);
                        }
                        GeneratedField::AudienceIds => {
                            if audience_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceIds"));
                            }
                            audience_ids__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(AudienceCondition {
                    operator: operator__.unwrap_or_default(),
                    audience_ids: audience_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.AudienceCondition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AudienceOperator {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "AUDIENCE_OPERATOR_UNSPECIFIED",
            Self::Matches => "AUDIENCE_OPERATOR_MATCHES",
            Self::DoesNotMatch => "AUDIENCE_OPERATOR_DOES_NOT_MATCH",
            Self::IsOneOf => "AUDIENCE_OPERATOR_IS_ONE_OF",
            Self::IsNotOneOf => "AUDIENCE_OPERATOR_IS_NOT_ONE_OF",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for AudienceOperator {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "AUDIENCE_OPERATOR_UNSPECIFIED",
            "AUDIENCE_OPERATOR_MATCHES",
            "AUDIENCE_OPERATOR_DOES_NOT_MATCH",
            "AUDIENCE_OPERATOR_IS_ONE_OF",
            "AUDIENCE_OPERATOR_IS_NOT_ONE_OF",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = AudienceOperator;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "AUDIENCE_OPERATOR_UNSPECIFIED" => Ok(AudienceOperator::Unspecified),
                    "AUDIENCE_OPERATOR_MATCHES" => Ok(AudienceOperator::Matches),
                    "AUDIENCE_OPERATOR_DOES_NOT_MATCH" => Ok(AudienceOperator::DoesNotMatch),
                    "AUDIENCE_OPERATOR_IS_ONE_OF" => Ok(AudienceOperator::IsOneOf),
                    "AUDIENCE_OPERATOR_IS_NOT_ONE_OF" => Ok(AudienceOperator::IsNotOneOf),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for AudienceState {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "AUDIENCE_STATE_UNSPECIFIED",
            Self::Active => "AUDIENCE_STATE_ACTIVE",
            Self::Draft => "AUDIENCE_STATE_DRAFT",
            Self::Inactive => "AUDIENCE_STATE_INACTIVE",
            Self::Deleted => "AUDIENCE_STATE_DELETED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for AudienceState {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "AUDIENCE_STATE_UNSPECIFIED",
            "AUDIENCE_STATE_ACTIVE",
            "AUDIENCE_STATE_DRAFT",
            "AUDIENCE_STATE_INACTIVE",
            "AUDIENCE_STATE_DELETED",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = AudienceState;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "AUDIENCE_STATE_UNSPECIFIED" => Ok(AudienceState::Unspecified),
                    "AUDIENCE_STATE_ACTIVE" => Ok(AudienceState::Active),
                    "AUDIENCE_STATE_DRAFT" => Ok(AudienceState::Draft),
                    "AUDIENCE_STATE_INACTIVE" => Ok(AudienceState::Inactive),
                    "AUDIENCE_STATE_DELETED" => Ok(AudienceState::Deleted),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for CancelUsageRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.order_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CancelUsageRequest", len)?;
        if !self.order_id.is_empty() {
            struct_ser.serialize_field("orderId", &self.order_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelUsageRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "order_id",
            "orderId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            OrderId,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "orderId" | "order_id" => Ok(GeneratedField::OrderId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelUsageRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CancelUsageRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelUsageRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut order_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::OrderId => {
                            if order_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("orderId"));
                            }
                            order_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CancelUsageRequest {
                    order_id: order_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CancelUsageRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelUsageResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.released {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CancelUsageResponse", len)?;
        if self.released {
            struct_ser.serialize_field("released", &self.released)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelUsageResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "released",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Released,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "released" => Ok(GeneratedField::Released),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelUsageResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CancelUsageResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelUsageResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut released__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Released => {
                            if released__.is_some() {
                                return Err(serde::de::Error::duplicate_field("released"));
                            }
                            released__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CancelUsageResponse {
                    released: released__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CancelUsageResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Cart {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.website_id.is_empty() {
            len += 1;
        }
        if !self.currency.is_empty() {
            len += 1;
        }
        if !self.customer_group_id.is_empty() {
            len += 1;
        }
        if !self.customer_id.is_empty() {
            len += 1;
        }
        if !self.items.is_empty() {
            len += 1;
        }
        if self.shipping_address.is_some() {
            len += 1;
        }
        if !self.shipping_method.is_empty() {
            len += 1;
        }
        if !self.shipping_amount.is_empty() {
            len += 1;
        }
        if !self.payment_method.is_empty() {
            len += 1;
        }
        if !self.coupon_codes.is_empty() {
            len += 1;
        }
        if !self.audience_ids.is_empty() {
            len += 1;
        }
        if self.evaluated_at.is_some() {
            len += 1;
        }
        if self.identity.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Cart", len)?;
        if !self.website_id.is_empty() {
            struct_ser.serialize_field("websiteId", &self.website_id)?;
        }
        if !self.currency.is_empty() {
            struct_ser.serialize_field("currency", &self.currency)?;
        }
        if !self.customer_group_id.is_empty() {
            struct_ser.serialize_field("customerGroupId", &self.customer_group_id)?;
        }
        if !self.customer_id.is_empty() {
            struct_ser.serialize_field("customerId", &self.customer_id)?;
        }
        if !self.items.is_empty() {
            struct_ser.serialize_field("items", &self.items)?;
        }
        if let Some(v) = self.shipping_address.as_ref() {
            struct_ser.serialize_field("shippingAddress", v)?;
        }
        if !self.shipping_method.is_empty() {
            struct_ser.serialize_field("shippingMethod", &self.shipping_method)?;
        }
        if !self.shipping_amount.is_empty() {
            struct_ser.serialize_field("shippingAmount", &self.shipping_amount)?;
        }
        if !self.payment_method.is_empty() {
            struct_ser.serialize_field("paymentMethod", &self.payment_method)?;
        }
        if !self.coupon_codes.is_empty() {
            struct_ser.serialize_field("couponCodes", &self.coupon_codes)?;
        }
        if !self.audience_ids.is_empty() {
            struct_ser.serialize_field("audienceIds", &self.audience_ids)?;
        }
        if let Some(v) = self.evaluated_at.as_ref() {
            struct_ser.serialize_field("evaluatedAt", v)?;
        }
        if let Some(v) = self.identity.as_ref() {
            struct_ser.serialize_field("identity", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Cart {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "website_id",
            "websiteId",
            "currency",
            "customer_group_id",
            "customerGroupId",
            "customer_id",
            "customerId",
            "items",
            "shipping_address",
            "shippingAddress",
            "shipping_method",
            "shippingMethod",
            "shipping_amount",
            "shippingAmount",
            "payment_method",
            "paymentMethod",
            "coupon_codes",
            "couponCodes",
            "audience_ids",
            "audienceIds",
            "evaluated_at",
            "evaluatedAt",
            "identity",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WebsiteId,
            Currency,
            CustomerGroupId,
            CustomerId,
            Items,
            ShippingAddress,
            ShippingMethod,
            ShippingAmount,
            PaymentMethod,
            CouponCodes,
            AudienceIds,
            EvaluatedAt,
            Identity,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "websiteId" | "website_id" => Ok(GeneratedField::WebsiteId),
                            "currency" => Ok(GeneratedField::Currency),
                            "customerGroupId" | "customer_group_id" => Ok(GeneratedField::CustomerGroupId),
                            "customerId" | "customer_id" => Ok(GeneratedField::CustomerId),
                            "items" => Ok(GeneratedField::Items),
                            "shippingAddress" | "shipping_address" => Ok(GeneratedField::ShippingAddress),
                            "shippingMethod" | "shipping_method" => Ok(GeneratedField::ShippingMethod),
                            "shippingAmount" | "shipping_amount" => Ok(GeneratedField::ShippingAmount),
                            "paymentMethod" | "payment_method" => Ok(GeneratedField::PaymentMethod),
                            "couponCodes" | "coupon_codes" => Ok(GeneratedField::CouponCodes),
                            "audienceIds" | "audience_ids" => Ok(GeneratedField::AudienceIds),
                            "evaluatedAt" | "evaluated_at" => Ok(GeneratedField::EvaluatedAt),
                            "identity" => Ok(GeneratedField::Identity),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Cart;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Cart")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Cart, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut website_id__ = None;
                let mut currency__ = None;
                let mut customer_group_id__ = None;
                let mut customer_id__ = None;
                let mut items__ = None;
                let mut shipping_address__ = None;
                let mut shipping_method__ = None;
                let mut shipping_amount__ = None;
                let mut payment_method__ = None;
                let mut coupon_codes__ = None;
                let mut audience_ids__ = None;
                let mut evaluated_at__ = None;
                let mut identity__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WebsiteId => {
                            if website_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("websiteId"));
                            }
                            website_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Currency => {
                            if currency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("currency"));
                            }
                            currency__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CustomerGroupId => {
                            if customer_group_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("customerGroupId"));
                            }
                            customer_group_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CustomerId => {
                            if customer_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("customerId"));
                            }
                            customer_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Items => {
                            if items__.is_some() {
                                return Err(serde::de::Error::duplicate_field("items"));
                            }
                            items__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ShippingAddress => {
                            if shipping_address__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingAddress"));
                            }
                            shipping_address__ = map_.next_value()?;
                        }
                        GeneratedField::ShippingMethod => {
                            if shipping_method__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingMethod"));
                            }
                            shipping_method__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ShippingAmount => {
                            if shipping_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingAmount"));
                            }
                            shipping_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PaymentMethod => {
                            if payment_method__.is_some() {
                                return Err(serde::de::Error::duplicate_field("paymentMethod"));
                            }
                            payment_method__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CouponCodes => {
                            if coupon_codes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponCodes"));
                            }
                            coupon_codes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AudienceIds => {
                            if audience_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceIds"));
                            }
                            audience_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::EvaluatedAt => {
                            if evaluated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("evaluatedAt"));
                            }
                            evaluated_at__ = map_.next_value()?;
                        }
                        GeneratedField::Identity => {
                            if identity__.is_some() {
                                return Err(serde::de::Error::duplicate_field("identity"));
                            }
                            identity__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Cart {
                    website_id: website_id__.unwrap_or_default(),
                    currency: currency__.unwrap_or_default(),
                    customer_group_id: customer_group_id__.unwrap_or_default(),
                    customer_id: customer_id__.unwrap_or_default(),
                    items: items__.unwrap_or_default(),
                    shipping_address: shipping_address__,
                    shipping_method: shipping_method__.unwrap_or_default(),
                    shipping_amount: shipping_amount__.unwrap_or_default(),
                    payment_method: payment_method__.unwrap_or_default(),
                    coupon_codes: coupon_codes__.unwrap_or_default(),
                    audience_ids: audience_ids__.unwrap_or_default(),
                    evaluated_at: evaluated_at__,
                    identity: identity__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Cart", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CartPriceRule {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if self.active {
            len += 1;
        }
        if !self.website_ids.is_empty() {
            len += 1;
        }
        if !self.customer_group_ids.is_empty() {
            len += 1;
        }
        if !self.from_date.is_empty() {
            len += 1;
        }
        if !self.to_date.is_empty() {
            len += 1;
        }
        if self.sort_order != 0 {
            len += 1;
        }
        if self.stop_rules_processing {
            len += 1;
        }
        if self.coupon_type != 0 {
            len += 1;
        }
        if !self.coupon_code.is_empty() {
            len += 1;
        }
        if self.use_auto_generation {
            len += 1;
        }
        if self.uses_per_coupon != 0 {
            len += 1;
        }
        if self.uses_per_customer != 0 {
            len += 1;
        }
        if self.conditions.is_some() {
            len += 1;
        }
        if self.action_conditions.is_some() {
            len += 1;
        }
        if self.simple_action != 0 {
            len += 1;
        }
        if !self.discount_amount.is_empty() {
            len += 1;
        }
        if !self.discount_qty.is_empty() {
            len += 1;
        }
        if self.discount_step != 0 {
            len += 1;
        }
        if self.apply_to_shipping {
            len += 1;
        }
        if self.free_shipping != 0 {
            len += 1;
        }
        if !self.labels.is_empty() {
            len += 1;
        }
        if self.times_used != 0 {
            len += 1;
        }
        if self.version != 0 {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if !self.exclusive_group.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CartPriceRule", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if self.active {
            struct_ser.serialize_field("active", &self.active)?;
        }
        if !self.website_ids.is_empty() {
            struct_ser.serialize_field("websiteIds", &self.website_ids)?;
        }
        if !self.customer_group_ids.is_empty() {
            struct_ser.serialize_field("customerGroupIds", &self.customer_group_ids)?;
        }
        if !self.from_date.is_empty() {
            struct_ser.serialize_field("fromDate", &self.from_date)?;
        }
        if !self.to_date.is_empty() {
            struct_ser.serialize_field("toDate", &self.to_date)?;
        }
        if self.sort_order != 0 {
            struct_ser.serialize_field("sortOrder", &self.sort_order)?;
        }
        if self.stop_rules_processing {
            struct_ser.serialize_field("stopRulesProcessing", &self.stop_rules_processing)?;
        }
        if self.coupon_type != 0 {
            let v = CouponType::try_from(self.coupon_type)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.coupon_type)))?;
            struct_ser.serialize_field("couponType", &v)?;
        }
        if !self.coupon_code.is_empty() {
            struct_ser.serialize_field("couponCode", &self.coupon_code)?;
        }
        if self.use_auto_generation {
            struct_ser.serialize_field("useAutoGeneration", &self.use_auto_generation)?;
        }
        if self.uses_per_coupon != 0 {
            struct_ser.serialize_field("usesPerCoupon", &self.uses_per_coupon)?;
        }
        if self.uses_per_customer != 0 {
            struct_ser.serialize_field("usesPerCustomer", &self.uses_per_customer)?;
        }
        if let Some(v) = self.conditions.as_ref() {
            struct_ser.serialize_field("conditions", v)?;
        }
        if let Some(v) = self.action_conditions.as_ref() {
            struct_ser.serialize_field("actionConditions", v)?;
        }
        if self.simple_action != 0 {
            let v = SimpleAction::try_from(self.simple_action)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.simple_action)))?;
            struct_ser.serialize_field("simpleAction", &v)?;
        }
        if !self.discount_amount.is_empty() {
            struct_ser.serialize_field("discountAmount", &self.discount_amount)?;
        }
        if !self.discount_qty.is_empty() {
            struct_ser.serialize_field("discountQty", &self.discount_qty)?;
        }
        if self.discount_step != 0 {
            struct_ser.serialize_field("discountStep", &self.discount_step)?;
        }
        if self.apply_to_shipping {
            struct_ser.serialize_field("applyToShipping", &self.apply_to_shipping)?;
        }
        if self.free_shipping != 0 {
            let v = FreeShipping::try_from(self.free_shipping)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.free_shipping)))?;
            struct_ser.serialize_field("freeShipping", &v)?;
        }
        if !self.labels.is_empty() {
            struct_ser.serialize_field("labels", &self.labels)?;
        }
        if self.times_used != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("timesUsed", ToString::to_string(&self.times_used).as_str())?;
        }
        if self.version != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("version", ToString::to_string(&self.version).as_str())?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updatedAt", v)?;
        }
        if !self.exclusive_group.is_empty() {
            struct_ser.serialize_field("exclusiveGroup", &self.exclusive_group)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CartPriceRule {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "description",
            "active",
            "website_ids",
            "websiteIds",
            "customer_group_ids",
            "customerGroupIds",
            "from_date",
            "fromDate",
            "to_date",
            "toDate",
            "sort_order",
            "sortOrder",
            "stop_rules_processing",
            "stopRulesProcessing",
            "coupon_type",
            "couponType",
            "coupon_code",
            "couponCode",
            "use_auto_generation",
            "useAutoGeneration",
            "uses_per_coupon",
            "usesPerCoupon",
            "uses_per_customer",
            "usesPerCustomer",
            "conditions",
            "action_conditions",
            "actionConditions",
            "simple_action",
            "simpleAction",
            "discount_amount",
            "discountAmount",
            "discount_qty",
            "discountQty",
            "discount_step",
            "discountStep",
            "apply_to_shipping",
            "applyToShipping",
            "free_shipping",
            "freeShipping",
            "labels",
            "times_used",
            "timesUsed",
            "version",
            "created_at",
            "createdAt",
            "updated_at",
            "updatedAt",
            "exclusive_group",
            "exclusiveGroup",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Name,
            Description,
            Active,
            WebsiteIds,
            CustomerGroupIds,
            FromDate,
            ToDate,
            SortOrder,
            StopRulesProcessing,
            CouponType,
            CouponCode,
            UseAutoGeneration,
            UsesPerCoupon,
            UsesPerCustomer,
            Conditions,
            ActionConditions,
            SimpleAction,
            DiscountAmount,
            DiscountQty,
            DiscountStep,
            ApplyToShipping,
            FreeShipping,
            Labels,
            TimesUsed,
            Version,
            CreatedAt,
            UpdatedAt,
            ExclusiveGroup,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "name" => Ok(GeneratedField::Name),
                            "description" => Ok(GeneratedField::Description),
                            "active" => Ok(GeneratedField::Active),
                            "websiteIds" | "website_ids" => Ok(GeneratedField::WebsiteIds),
                            "customerGroupIds" | "customer_group_ids" => Ok(GeneratedField::CustomerGroupIds),
                            "fromDate" | "from_date" => Ok(GeneratedField::FromDate),
                            "toDate" | "to_date" => Ok(GeneratedField::ToDate),
                            "sortOrder" | "sort_order" => Ok(GeneratedField::SortOrder),
                            "stopRulesProcessing" | "stop_rules_processing" => Ok(GeneratedField::StopRulesProcessing),
                            "couponType" | "coupon_type" => Ok(GeneratedField::CouponType),
                            "couponCode" | "coupon_code" => Ok(GeneratedField::CouponCode),
                            "useAutoGeneration" | "use_auto_generation" => Ok(GeneratedField::UseAutoGeneration),
                            "usesPerCoupon" | "uses_per_coupon" => Ok(GeneratedField::UsesPerCoupon),
                            "usesPerCustomer" | "uses_per_customer" => Ok(GeneratedField::UsesPerCustomer),
                            "conditions" => Ok(GeneratedField::Conditions),
                            "actionConditions" | "action_conditions" => Ok(GeneratedField::ActionConditions),
                            "simpleAction" | "simple_action" => Ok(GeneratedField::SimpleAction),
                            "discountAmount" | "discount_amount" => Ok(GeneratedField::DiscountAmount),
                            "discountQty" | "discount_qty" => Ok(GeneratedField::DiscountQty),
                            "discountStep" | "discount_step" => Ok(GeneratedField::DiscountStep),
                            "applyToShipping" | "apply_to_shipping" => Ok(GeneratedField::ApplyToShipping),
                            "freeShipping" | "free_shipping" => Ok(GeneratedField::FreeShipping),
                            "labels" => Ok(GeneratedField::Labels),
                            "timesUsed" | "times_used" => Ok(GeneratedField::TimesUsed),
                            "version" => Ok(GeneratedField::Version),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "exclusiveGroup" | "exclusive_group" => Ok(GeneratedField::ExclusiveGroup),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CartPriceRule;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CartPriceRule")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CartPriceRule, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut name__ = None;
                let mut description__ = None;
                let mut active__ = None;
                let mut website_ids__ = None;
                let mut customer_group_ids__ = None;
                let mut from_date__ = None;
                let mut to_date__ = None;
                let mut sort_order__ = None;
                let mut stop_rules_processing__ = None;
                let mut coupon_type__ = None;
                let mut coupon_code__ = None;
                let mut use_auto_generation__ = None;
                let mut uses_per_coupon__ = None;
                let mut uses_per_customer__ = None;
                let mut conditions__ = None;
                let mut action_conditions__ = None;
                let mut simple_action__ = None;
                let mut discount_amount__ = None;
                let mut discount_qty__ = None;
                let mut discount_step__ = None;
                let mut apply_to_shipping__ = None;
                let mut free_shipping__ = None;
                let mut labels__ = None;
                let mut times_used__ = None;
                let mut version__ = None;
                let mut created_at__ = None;
                let mut updated_at__ = None;
                let mut exclusive_group__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Active => {
                            if active__.is_some() {
                                return Err(serde::de::Error::duplicate_field("active"));
                            }
                            active__ = Some(map_.next_value()?);
                        }
                        GeneratedField::WebsiteIds => {
                            if website_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("websiteIds"));
                            }
                            website_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CustomerGroupIds => {
                            if customer_group_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("customerGroupIds"));
                            }
                            customer_group_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FromDate => {
                            if from_date__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fromDate"));
                            }
                            from_date__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ToDate => {
                            if to_date__.is_some() {
                                return Err(serde::de::Error::duplicate_field("toDate"));
                            }
                            to_date__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SortOrder => {
                            if sort_order__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sortOrder"));
                            }
                            sort_order__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::StopRulesProcessing => {
                            if stop_rules_processing__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stopRulesProcessing"));
                            }
                            stop_rules_processing__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CouponType => {
                            if coupon_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponType"));
                            }
                            coupon_type__ = Some(map_.next_value::<CouponType>()? as i32);
                        }
                        GeneratedField::CouponCode => {
                            if coupon_code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponCode"));
                            }
                            coupon_code__ = Some(map_.next_value()?);
                        }
                        GeneratedField::UseAutoGeneration => {
                            if use_auto_generation__.is_some() {
                                return Err(serde::de::Error::duplicate_field("useAutoGeneration"));
                            }
                            use_auto_generation__ = Some(map_.next_value()?);
                        }
                        GeneratedField::UsesPerCoupon => {
                            if uses_per_coupon__.is_some() {
                                return Err(serde::de::Error::duplicate_field("usesPerCoupon"));
                            }
                            uses_per_coupon__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::UsesPerCustomer => {
                            if uses_per_customer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("usesPerCustomer"));
                            }
                            uses_per_customer__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Conditions => {
                            if conditions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conditions"));
                            }
                            conditions__ = map_.next_value()?;
                        }
                        GeneratedField::ActionConditions => {
                            if action_conditions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("actionConditions"));
                            }
                            action_conditions__ = map_.next_value()?;
                        }
                        GeneratedField::SimpleAction => {
                            if simple_action__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simpleAction"));
                            }
                            simple_action__ = Some(map_.next_value::<SimpleAction>()? as i32);
                        }
                        GeneratedField::DiscountAmount => {
                            if discount_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountAmount"));
                            }
                            discount_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DiscountQty => {
                            if discount_qty__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountQty"));
                            }
                            discount_qty__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DiscountStep => {
                            if discount_step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountStep"));
                            }
                            discount_step__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ApplyToShipping => {
                            if apply_to_shipping__.is_some() {
                                return Err(serde::de::Error::duplicate_field("applyToShipping"));
                            }
                            apply_to_shipping__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FreeShipping => {
                            if free_shipping__.is_some() {
                                return Err(serde::de::Error::duplicate_field("freeShipping"));
                            }
                            free_shipping__ = Some(map_.next_value::<FreeShipping>()? as i32);
                        }
                        GeneratedField::Labels => {
                            if labels__.is_some() {
                                return Err(serde::de::Error::duplicate_field("labels"));
                            }
                            labels__ = Some(
                                map_.next_value::<std::collections::HashMap<_, _>>()?
                            );
                        }
                        GeneratedField::TimesUsed => {
                            if times_used__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timesUsed"));
                            }
                            times_used__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::ExclusiveGroup => {
                            if exclusive_group__.is_some() {
                                return Err(serde::de::Error::duplicate_field("exclusiveGroup"));
                            }
                            exclusive_group__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CartPriceRule {
                    id: id__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    active: active__.unwrap_or_default(),
                    website_ids: website_ids__.unwrap_or_default(),
                    customer_group_ids: customer_group_ids__.unwrap_or_default(),
                    from_date: from_date__.unwrap_or_default(),
                    to_date: to_date__.unwrap_or_default(),
                    sort_order: sort_order__.unwrap_or_default(),
                    stop_rules_processing: stop_rules_processing__.unwrap_or_default(),
                    coupon_type: coupon_type__.unwrap_or_default(),
                    coupon_code: coupon_code__.unwrap_or_default(),
                    use_auto_generation: use_auto_generation__.unwrap_or_default(),
                    uses_per_coupon: uses_per_coupon__.unwrap_or_default(),
                    uses_per_customer: uses_per_customer__.unwrap_or_default(),
                    conditions: conditions__,
                    action_conditions: action_conditions__,
                    simple_action: simple_action__.unwrap_or_default(),
                    discount_amount: discount_amount__.unwrap_or_default(),
                    discount_qty: discount_qty__.unwrap_or_default(),
                    discount_step: discount_step__.unwrap_or_default(),
                    apply_to_shipping: apply_to_shipping__.unwrap_or_default(),
                    free_shipping: free_shipping__.unwrap_or_default(),
                    labels: labels__.unwrap_or_default(),
                    times_used: times_used__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    created_at: created_at__,
                    updated_at: updated_at__,
                    exclusive_group: exclusive_group__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CartPriceRule", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CartSimulated {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.index != 0 {
            len += 1;
        }
        if !self.live_discount.is_empty() {
            len += 1;
        }
        if !self.simulated_discount.is_empty() {
            len += 1;
        }
        if !self.live_grand_total.is_empty() {
            len += 1;
        }
        if !self.simulated_grand_total.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CartSimulated", len)?;
        if self.index != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("index", ToString::to_string(&self.index).as_str())?;
        }
        if !self.live_discount.is_empty() {
            struct_ser.serialize_field("liveDiscount", &self.live_discount)?;
        }
        if !self.simulated_discount.is_empty() {
            struct_ser.serialize_field("simulatedDiscount", &self.simulated_discount)?;
        }
        if !self.live_grand_total.is_empty() {
            struct_ser.serialize_field("liveGrandTotal", &self.live_grand_total)?;
        }
        if !self.simulated_grand_total.is_empty() {
            struct_ser.serialize_field("simulatedGrandTotal", &self.simulated_grand_total)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CartSimulated {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "index",
            "live_discount",
            "liveDiscount",
            "simulated_discount",
            "simulatedDiscount",
            "live_grand_total",
            "liveGrandTotal",
            "simulated_grand_total",
            "simulatedGrandTotal",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Index,
            LiveDiscount,
            SimulatedDiscount,
            LiveGrandTotal,
            SimulatedGrandTotal,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "index" => Ok(GeneratedField::Index),
                            "liveDiscount" | "live_discount" => Ok(GeneratedField::LiveDiscount),
                            "simulatedDiscount" | "simulated_discount" => Ok(GeneratedField::SimulatedDiscount),
                            "liveGrandTotal" | "live_grand_total" => Ok(GeneratedField::LiveGrandTotal),
                            "simulatedGrandTotal" | "simulated_grand_total" => Ok(GeneratedField::SimulatedGrandTotal),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CartSimulated;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CartSimulated")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CartSimulated, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut index__ = None;
                let mut live_discount__ = None;
                let mut simulated_discount__ = None;
                let mut live_grand_total__ = None;
                let mut simulated_grand_total__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Index => {
                            if index__.is_some() {
                                return Err(serde::de::Error::duplicate_field("index"));
                            }
                            index__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LiveDiscount => {
                            if live_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveDiscount"));
                            }
                            live_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedDiscount => {
                            if simulated_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedDiscount"));
                            }
                            simulated_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LiveGrandTotal => {
                            if live_grand_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveGrandTotal"));
                            }
                            live_grand_total__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedGrandTotal => {
                            if simulated_grand_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedGrandTotal"));
                            }
                            simulated_grand_total__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CartSimulated {
                    index: index__.unwrap_or_default(),
                    live_discount: live_discount__.unwrap_or_default(),
                    simulated_discount: simulated_discount__.unwrap_or_default(),
                    live_grand_total: live_grand_total__.unwrap_or_default(),
                    simulated_grand_total: simulated_grand_total__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CartSimulated", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ChangeAction {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "CHANGE_ACTION_UNSPECIFIED",
            Self::Create => "CHANGE_ACTION_CREATE",
            Self::Update => "CHANGE_ACTION_UPDATE",
            Self::Activate => "CHANGE_ACTION_ACTIVATE",
            Self::Deactivate => "CHANGE_ACTION_DEACTIVATE",
            Self::Delete => "CHANGE_ACTION_DELETE",
            Self::Import => "CHANGE_ACTION_IMPORT",
            Self::Restore => "CHANGE_ACTION_RESTORE",
            Self::GenerateCoupons => "CHANGE_ACTION_GENERATE_COUPONS",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for ChangeAction {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "CHANGE_ACTION_UNSPECIFIED",
            "CHANGE_ACTION_CREATE",
            "CHANGE_ACTION_UPDATE",
            "CHANGE_ACTION_ACTIVATE",
            "CHANGE_ACTION_DEACTIVATE",
            "CHANGE_ACTION_DELETE",
            "CHANGE_ACTION_IMPORT",
            "CHANGE_ACTION_RESTORE",
            "CHANGE_ACTION_GENERATE_COUPONS",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = ChangeAction;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "CHANGE_ACTION_UNSPECIFIED" => Ok(ChangeAction::Unspecified),
                    "CHANGE_ACTION_CREATE" => Ok(ChangeAction::Create),
                    "CHANGE_ACTION_UPDATE" => Ok(ChangeAction::Update),
                    "CHANGE_ACTION_ACTIVATE" => Ok(ChangeAction::Activate),
                    "CHANGE_ACTION_DEACTIVATE" => Ok(ChangeAction::Deactivate),
                    "CHANGE_ACTION_DELETE" => Ok(ChangeAction::Delete),
                    "CHANGE_ACTION_IMPORT" => Ok(ChangeAction::Import),
                    "CHANGE_ACTION_RESTORE" => Ok(ChangeAction::Restore),
                    "CHANGE_ACTION_GENERATE_COUPONS" => Ok(ChangeAction::GenerateCoupons),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ChangeDoor {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "CHANGE_DOOR_UNSPECIFIED",
            Self::Grpc => "CHANGE_DOOR_GRPC",
            Self::Cli => "CHANGE_DOOR_CLI",
            Self::Console => "CHANGE_DOOR_CONSOLE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for ChangeDoor {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "CHANGE_DOOR_UNSPECIFIED",
            "CHANGE_DOOR_GRPC",
            "CHANGE_DOOR_CLI",
            "CHANGE_DOOR_CONSOLE",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = ChangeDoor;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "CHANGE_DOOR_UNSPECIFIED" => Ok(ChangeDoor::Unspecified),
                    "CHANGE_DOOR_GRPC" => Ok(ChangeDoor::Grpc),
                    "CHANGE_DOOR_CLI" => Ok(ChangeDoor::Cli),
                    "CHANGE_DOOR_CONSOLE" => Ok(ChangeDoor::Console),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for Combine {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.aggregator != 0 {
            len += 1;
        }
        if self.negate {
            len += 1;
        }
        if !self.conditions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Combine", len)?;
        if self.aggregator != 0 {
            let v = Aggregator::try_from(self.aggregator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.aggregator)))?;
            struct_ser.serialize_field("aggregator", &v)?;
        }
        if self.negate {
            struct_ser.serialize_field("negate", &self.negate)?;
        }
        if !self.conditions.is_empty() {
            struct_ser.serialize_field("conditions", &self.conditions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Combine {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "aggregator",
            "negate",
            "conditions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Aggregator,
            Negate,
            Conditions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "aggregator" => Ok(GeneratedField::Aggregator),
                            "negate" => Ok(GeneratedField::Negate),
                            "conditions" => Ok(GeneratedField::Conditions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Combine;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Combine")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Combine, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut aggregator__ = None;
                let mut negate__ = None;
                let mut conditions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Aggregator => {
                            if aggregator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("aggregator"));
                            }
                            aggregator__ = Some(map_.next_value::<Aggregator>()? as i32);
                        }
                        GeneratedField::Negate => {
                            if negate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("negate"));
                            }
                            negate__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Conditions => {
                            if conditions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conditions"));
                            }
                            conditions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Combine {
                    aggregator: aggregator__.unwrap_or_default(),
                    negate: negate__.unwrap_or_default(),
                    conditions: conditions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Combine", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Condition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.kind.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Condition", len)?;
        if let Some(v) = self.kind.as_ref() {
            match v {
                condition::Kind::Combine(v) => {
                    struct_ser.serialize_field("combine", v)?;
                }
                condition::Kind::Address(v) => {
                    struct_ser.serialize_field("address", v)?;
                }
                condition::Kind::ProductFound(v) => {
                    struct_ser.serialize_field("productFound", v)?;
                }
                condition::Kind::ProductSubselect(v) => {
                    struct_ser.serialize_field("productSubselect", v)?;
                }
                condition::Kind::Product(v) => {
                    struct_ser.serialize_field("product", v)?;
                }
                condition::Kind::Audience(v) => {
                    struct_ser.serialize_field("audience", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Condition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "combine",
            "address",
            "product_found",
            "productFound",
            "product_subselect",
            "productSubselect",
            "product",
            "audience",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Combine,
            Address,
            ProductFound,
            ProductSubselect,
            Product,
            Audience,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "combine" => Ok(GeneratedField::Combine),
                            "address" => Ok(GeneratedField::Address),
                            "productFound" | "product_found" => Ok(GeneratedField::ProductFound),
                            "productSubselect" | "product_subselect" => Ok(GeneratedField::ProductSubselect),
                            "product" => Ok(GeneratedField::Product),
                            "audience" => Ok(GeneratedField::Audience),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Condition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Condition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Condition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut kind__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Combine => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("combine"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::Combine)
;
                        }
                        GeneratedField::Address => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("address"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::Address)
;
                        }
                        GeneratedField::ProductFound => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("productFound"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::ProductFound)
;
                        }
                        GeneratedField::ProductSubselect => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("productSubselect"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::ProductSubselect)
;
                        }
                        GeneratedField::Product => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("product"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::Product)
;
                        }
                        GeneratedField::Audience => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audience"));
                            }
                            kind__ = map_.next_value::<::std::option::Option<_>>()?.map(condition::Kind::Audience)
;
                        }
                    }
                }
                Ok(Condition {
                    kind: kind__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Condition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Coupon {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.code.is_empty() {
            len += 1;
        }
        if self.rule_id != 0 {
            len += 1;
        }
        if self.usage_limit != 0 {
            len += 1;
        }
        if self.usage_per_customer != 0 {
            len += 1;
        }
        if self.times_used != 0 {
            len += 1;
        }
        if !self.expires_on.is_empty() {
            len += 1;
        }
        if self.generated {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Coupon", len)?;
        if !self.code.is_empty() {
            struct_ser.serialize_field("code", &self.code)?;
        }
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.usage_limit != 0 {
            struct_ser.serialize_field("usageLimit", &self.usage_limit)?;
        }
        if self.usage_per_customer != 0 {
            struct_ser.serialize_field("usagePerCustomer", &self.usage_per_customer)?;
        }
        if self.times_used != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("timesUsed", ToString::to_string(&self.times_used).as_str())?;
        }
        if !self.expires_on.is_empty() {
            struct_ser.serialize_field("expiresOn", &self.expires_on)?;
        }
        if self.generated {
            struct_ser.serialize_field("generated", &self.generated)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Coupon {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "code",
            "rule_id",
            "ruleId",
            "usage_limit",
            "usageLimit",
            "usage_per_customer",
            "usagePerCustomer",
            "times_used",
            "timesUsed",
            "expires_on",
            "expiresOn",
            "generated",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Code,
            RuleId,
            UsageLimit,
            UsagePerCustomer,
            TimesUsed,
            ExpiresOn,
            Generated,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "code" => Ok(GeneratedField::Code),
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "usageLimit" | "usage_limit" => Ok(GeneratedField::UsageLimit),
                            "usagePerCustomer" | "usage_per_customer" => Ok(GeneratedField::UsagePerCustomer),
                            "timesUsed" | "times_used" => Ok(GeneratedField::TimesUsed),
                            "expiresOn" | "expires_on" => Ok(GeneratedField::ExpiresOn),
                            "generated" => Ok(GeneratedField::Generated),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Coupon;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Coupon")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Coupon, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut code__ = None;
                let mut rule_id__ = None;
                let mut usage_limit__ = None;
                let mut usage_per_customer__ = None;
                let mut times_used__ = None;
                let mut expires_on__ = None;
                let mut generated__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Code => {
                            if code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("code"));
                            }
                            code__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::UsageLimit => {
                            if usage_limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("usageLimit"));
                            }
                            usage_limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::UsagePerCustomer => {
                            if usage_per_customer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("usagePerCustomer"));
                            }
                            usage_per_customer__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TimesUsed => {
                            if times_used__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timesUsed"));
                            }
                            times_used__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ExpiresOn => {
                            if expires_on__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresOn"));
                            }
                            expires_on__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Generated => {
                            if generated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("generated"));
                            }
                            generated__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Coupon {
                    code: code__.unwrap_or_default(),
                    rule_id: rule_id__.unwrap_or_default(),
                    usage_limit: usage_limit__.unwrap_or_default(),
                    usage_per_customer: usage_per_customer__.unwrap_or_default(),
                    times_used: times_used__.unwrap_or_default(),
                    expires_on: expires_on__.unwrap_or_default(),
                    generated: generated__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Coupon", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CouponFormat {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "COUPON_FORMAT_UNSPECIFIED",
            Self::Alphanumeric => "COUPON_FORMAT_ALPHANUMERIC",
            Self::Alphabetic => "COUPON_FORMAT_ALPHABETIC",
            Self::Numeric => "COUPON_FORMAT_NUMERIC",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CouponFormat {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "COUPON_FORMAT_UNSPECIFIED",
            "COUPON_FORMAT_ALPHANUMERIC",
            "COUPON_FORMAT_ALPHABETIC",
            "COUPON_FORMAT_NUMERIC",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = CouponFormat;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "COUPON_FORMAT_UNSPECIFIED" => Ok(CouponFormat::Unspecified),
                    "COUPON_FORMAT_ALPHANUMERIC" => Ok(CouponFormat::Alphanumeric),
                    "COUPON_FORMAT_ALPHABETIC" => Ok(CouponFormat::Alphabetic),
                    "COUPON_FORMAT_NUMERIC" => Ok(CouponFormat::Numeric),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for CouponResult {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.code.is_empty() {
            len += 1;
        }
        if self.status != 0 {
            len += 1;
        }
        if self.rule_id != 0 {
            len += 1;
        }
        if !self.message.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CouponResult", len)?;
        if !self.code.is_empty() {
            struct_ser.serialize_field("code", &self.code)?;
        }
        if self.status != 0 {
            let v = CouponStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CouponResult {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "code",
            "status",
            "rule_id",
            "ruleId",
            "message",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Code,
            Status,
            RuleId,
            Message,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "code" => Ok(GeneratedField::Code),
                            "status" => Ok(GeneratedField::Status),
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "message" => Ok(GeneratedField::Message),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CouponResult;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CouponResult")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CouponResult, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut code__ = None;
                let mut status__ = None;
                let mut rule_id__ = None;
                let mut message__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Code => {
                            if code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("code"));
                            }
                            code__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<CouponStatus>()? as i32);
                        }
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CouponResult {
                    code: code__.unwrap_or_default(),
                    status: status__.unwrap_or_default(),
                    rule_id: rule_id__.unwrap_or_default(),
                    message: message__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CouponResult", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CouponStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "COUPON_STATUS_UNSPECIFIED",
            Self::Applied => "COUPON_STATUS_APPLIED",
            Self::NotFound => "COUPON_STATUS_NOT_FOUND",
            Self::Expired => "COUPON_STATUS_EXPIRED",
            Self::RuleInactive => "COUPON_STATUS_RULE_INACTIVE",
            Self::UsageLimitReached => "COUPON_STATUS_USAGE_LIMIT_REACHED",
            Self::CustomerLimitReached => "COUPON_STATUS_CUSTOMER_LIMIT_REACHED",
            Self::ConditionsNotMet => "COUPON_STATUS_CONDITIONS_NOT_MET",
            Self::NotApplicable => "COUPON_STATUS_NOT_APPLICABLE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CouponStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "COUPON_STATUS_UNSPECIFIED",
            "COUPON_STATUS_APPLIED",
            "COUPON_STATUS_NOT_FOUND",
            "COUPON_STATUS_EXPIRED",
            "COUPON_STATUS_RULE_INACTIVE",
            "COUPON_STATUS_USAGE_LIMIT_REACHED",
            "COUPON_STATUS_CUSTOMER_LIMIT_REACHED",
            "COUPON_STATUS_CONDITIONS_NOT_MET",
            "COUPON_STATUS_NOT_APPLICABLE",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = CouponStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "COUPON_STATUS_UNSPECIFIED" => Ok(CouponStatus::Unspecified),
                    "COUPON_STATUS_APPLIED" => Ok(CouponStatus::Applied),
                    "COUPON_STATUS_NOT_FOUND" => Ok(CouponStatus::NotFound),
                    "COUPON_STATUS_EXPIRED" => Ok(CouponStatus::Expired),
                    "COUPON_STATUS_RULE_INACTIVE" => Ok(CouponStatus::RuleInactive),
                    "COUPON_STATUS_USAGE_LIMIT_REACHED" => Ok(CouponStatus::UsageLimitReached),
                    "COUPON_STATUS_CUSTOMER_LIMIT_REACHED" => Ok(CouponStatus::CustomerLimitReached),
                    "COUPON_STATUS_CONDITIONS_NOT_MET" => Ok(CouponStatus::ConditionsNotMet),
                    "COUPON_STATUS_NOT_APPLICABLE" => Ok(CouponStatus::NotApplicable),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for CouponType {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "COUPON_TYPE_UNSPECIFIED",
            Self::NoCoupon => "COUPON_TYPE_NO_COUPON",
            Self::Specific => "COUPON_TYPE_SPECIFIC",
            Self::Auto => "COUPON_TYPE_AUTO",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CouponType {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "COUPON_TYPE_UNSPECIFIED",
            "COUPON_TYPE_NO_COUPON",
            "COUPON_TYPE_SPECIFIC",
            "COUPON_TYPE_AUTO",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = CouponType;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "COUPON_TYPE_UNSPECIFIED" => Ok(CouponType::Unspecified),
                    "COUPON_TYPE_NO_COUPON" => Ok(CouponType::NoCoupon),
                    "COUPON_TYPE_SPECIFIC" => Ok(CouponType::Specific),
                    "COUPON_TYPE_AUTO" => Ok(CouponType::Auto),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for CreateRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CreateRuleRequest", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CreateRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CreateRuleRequest {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CreateRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.CreateRuleResponse", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.CreateRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CreateRuleResponse {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.CreateRuleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.DeleteRuleRequest", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.DeleteRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(DeleteRuleRequest {
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.DeleteRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("cohort.v1.DeleteRuleResponse", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.DeleteRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(DeleteRuleResponse {
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.DeleteRuleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for FreeShipping {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "FREE_SHIPPING_UNSPECIFIED",
            Self::MatchingItems => "FREE_SHIPPING_MATCHING_ITEMS",
            Self::WholeShipment => "FREE_SHIPPING_WHOLE_SHIPMENT",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for FreeShipping {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "FREE_SHIPPING_UNSPECIFIED",
            "FREE_SHIPPING_MATCHING_ITEMS",
            "FREE_SHIPPING_WHOLE_SHIPMENT",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = FreeShipping;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "FREE_SHIPPING_UNSPECIFIED" => Ok(FreeShipping::Unspecified),
                    "FREE_SHIPPING_MATCHING_ITEMS" => Ok(FreeShipping::MatchingItems),
                    "FREE_SHIPPING_WHOLE_SHIPMENT" => Ok(FreeShipping::WholeShipment),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for GenerateCouponsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if self.quantity != 0 {
            len += 1;
        }
        if self.length != 0 {
            len += 1;
        }
        if self.format != 0 {
            len += 1;
        }
        if !self.prefix.is_empty() {
            len += 1;
        }
        if !self.suffix.is_empty() {
            len += 1;
        }
        if self.dash_every != 0 {
            len += 1;
        }
        if !self.delimiter.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GenerateCouponsRequest", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.quantity != 0 {
            struct_ser.serialize_field("quantity", &self.quantity)?;
        }
        if self.length != 0 {
            struct_ser.serialize_field("length", &self.length)?;
        }
        if self.format != 0 {
            let v = CouponFormat::try_from(self.format)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.format)))?;
            struct_ser.serialize_field("format", &v)?;
        }
        if !self.prefix.is_empty() {
            struct_ser.serialize_field("prefix", &self.prefix)?;
        }
        if !self.suffix.is_empty() {
            struct_ser.serialize_field("suffix", &self.suffix)?;
        }
        if self.dash_every != 0 {
            struct_ser.serialize_field("dashEvery", &self.dash_every)?;
        }
        if !self.delimiter.is_empty() {
            struct_ser.serialize_field("delimiter", &self.delimiter)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GenerateCouponsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "quantity",
            "length",
            "format",
            "prefix",
            "suffix",
            "dash_every",
            "dashEvery",
            "delimiter",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            Quantity,
            Length,
            Format,
            Prefix,
            Suffix,
            DashEvery,
            Delimiter,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "quantity" => Ok(GeneratedField::Quantity),
                            "length" => Ok(GeneratedField::Length),
                            "format" => Ok(GeneratedField::Format),
                            "prefix" => Ok(GeneratedField::Prefix),
                            "suffix" => Ok(GeneratedField::Suffix),
                            "dashEvery" | "dash_every" => Ok(GeneratedField::DashEvery),
                            "delimiter" => Ok(GeneratedField::Delimiter),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GenerateCouponsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GenerateCouponsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GenerateCouponsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut quantity__ = None;
                let mut length__ = None;
                let mut format__ = None;
                let mut prefix__ = None;
                let mut suffix__ = None;
                let mut dash_every__ = None;
                let mut delimiter__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Quantity => {
                            if quantity__.is_some() {
                                return Err(serde::de::Error::duplicate_field("quantity"));
                            }
                            quantity__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Length => {
                            if length__.is_some() {
                                return Err(serde::de::Error::duplicate_field("length"));
                            }
                            length__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Format => {
                            if format__.is_some() {
                                return Err(serde::de::Error::duplicate_field("format"));
                            }
                            format__ = Some(map_.next_value::<CouponFormat>()? as i32);
                        }
                        GeneratedField::Prefix => {
                            if prefix__.is_some() {
                                return Err(serde::de::Error::duplicate_field("prefix"));
                            }
                            prefix__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Suffix => {
                            if suffix__.is_some() {
                                return Err(serde::de::Error::duplicate_field("suffix"));
                            }
                            suffix__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DashEvery => {
                            if dash_every__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dashEvery"));
                            }
                            dash_every__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Delimiter => {
                            if delimiter__.is_some() {
                                return Err(serde::de::Error::duplicate_field("delimiter"));
                            }
                            delimiter__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GenerateCouponsRequest {
                    rule_id: rule_id__.unwrap_or_default(),
                    quantity: quantity__.unwrap_or_default(),
                    length: length__.unwrap_or_default(),
                    format: format__.unwrap_or_default(),
                    prefix: prefix__.unwrap_or_default(),
                    suffix: suffix__.unwrap_or_default(),
                    dash_every: dash_every__.unwrap_or_default(),
                    delimiter: delimiter__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GenerateCouponsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GenerateCouponsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.generated != 0 {
            len += 1;
        }
        if !self.codes.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GenerateCouponsResponse", len)?;
        if self.generated != 0 {
            struct_ser.serialize_field("generated", &self.generated)?;
        }
        if !self.codes.is_empty() {
            struct_ser.serialize_field("codes", &self.codes)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GenerateCouponsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "generated",
            "codes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Generated,
            Codes,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "generated" => Ok(GeneratedField::Generated),
                            "codes" => Ok(GeneratedField::Codes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GenerateCouponsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GenerateCouponsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GenerateCouponsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut generated__ = None;
                let mut codes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Generated => {
                            if generated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("generated"));
                            }
                            generated__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Codes => {
                            if codes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("codes"));
                            }
                            codes__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GenerateCouponsResponse {
                    generated: generated__.unwrap_or_default(),
                    codes: codes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GenerateCouponsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetAudienceRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GetAudienceRequest", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetAudienceRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetAudienceRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetAudienceRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetAudienceRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetAudienceRequest {
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetAudienceRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetAudienceResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.audience.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GetAudienceResponse", len)?;
        if let Some(v) = self.audience.as_ref() {
            struct_ser.serialize_field("audience", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetAudienceResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "audience",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Audience,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "audience" => Ok(GeneratedField::Audience),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetAudienceResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetAudienceResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetAudienceResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut audience__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Audience => {
                            if audience__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audience"));
                            }
                            audience__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetAudienceResponse {
                    audience: audience__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetAudienceResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GetRuleRequest", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(GetRuleRequest {
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GetRuleResponse", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetRuleResponse {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetRuleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetSyncStatusRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("cohort.v1.GetSyncStatusRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetSyncStatusRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetSyncStatusRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetSyncStatusRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetSyncStatusRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(GetSyncStatusRequest {
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetSyncStatusRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetSyncStatusResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.run.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.GetSyncStatusResponse", len)?;
        if let Some(v) = self.run.as_ref() {
            struct_ser.serialize_field("run", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetSyncStatusResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "run",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Run,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "run" => Ok(GeneratedField::Run),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetSyncStatusResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.GetSyncStatusResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetSyncStatusResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut run__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Run => {
                            if run__.is_some() {
                                return Err(serde::de::Error::duplicate_field("run"));
                            }
                            run__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetSyncStatusResponse {
                    run: run__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.GetSyncStatusResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Identity {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Identity", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Identity {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Identity;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Identity")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Identity, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Identity {
                    namespace: namespace__.unwrap_or_default(),
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Identity", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LineDelta {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.line_id.is_empty() {
            len += 1;
        }
        if !self.live_discount.is_empty() {
            len += 1;
        }
        if !self.simulated_discount.is_empty() {
            len += 1;
        }
        if !self.delta.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.LineDelta", len)?;
        if !self.line_id.is_empty() {
            struct_ser.serialize_field("lineId", &self.line_id)?;
        }
        if !self.live_discount.is_empty() {
            struct_ser.serialize_field("liveDiscount", &self.live_discount)?;
        }
        if !self.simulated_discount.is_empty() {
            struct_ser.serialize_field("simulatedDiscount", &self.simulated_discount)?;
        }
        if !self.delta.is_empty() {
            struct_ser.serialize_field("delta", &self.delta)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LineDelta {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "line_id",
            "lineId",
            "live_discount",
            "liveDiscount",
            "simulated_discount",
            "simulatedDiscount",
            "delta",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LineId,
            LiveDiscount,
            SimulatedDiscount,
            Delta,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "lineId" | "line_id" => Ok(GeneratedField::LineId),
                            "liveDiscount" | "live_discount" => Ok(GeneratedField::LiveDiscount),
                            "simulatedDiscount" | "simulated_discount" => Ok(GeneratedField::SimulatedDiscount),
                            "delta" => Ok(GeneratedField::Delta),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LineDelta;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.LineDelta")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LineDelta, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut line_id__ = None;
                let mut live_discount__ = None;
                let mut simulated_discount__ = None;
                let mut delta__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LineId => {
                            if line_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lineId"));
                            }
                            line_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LiveDiscount => {
                            if live_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveDiscount"));
                            }
                            live_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedDiscount => {
                            if simulated_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedDiscount"));
                            }
                            simulated_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Delta => {
                            if delta__.is_some() {
                                return Err(serde::de::Error::duplicate_field("delta"));
                            }
                            delta__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(LineDelta {
                    line_id: line_id__.unwrap_or_default(),
                    live_discount: live_discount__.unwrap_or_default(),
                    simulated_discount: simulated_discount__.unwrap_or_default(),
                    delta: delta__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.LineDelta", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LineItem {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.line_id.is_empty() {
            len += 1;
        }
        if !self.sku.is_empty() {
            len += 1;
        }
        if !self.qty.is_empty() {
            len += 1;
        }
        if !self.unit_price.is_empty() {
            len += 1;
        }
        if !self.unit_price_incl_tax.is_empty() {
            len += 1;
        }
        if !self.weight.is_empty() {
            len += 1;
        }
        if !self.category_ids.is_empty() {
            len += 1;
        }
        if !self.attribute_set_id.is_empty() {
            len += 1;
        }
        if !self.attributes.is_empty() {
            len += 1;
        }
        if self.no_discount {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.LineItem", len)?;
        if !self.line_id.is_empty() {
            struct_ser.serialize_field("lineId", &self.line_id)?;
        }
        if !self.sku.is_empty() {
            struct_ser.serialize_field("sku", &self.sku)?;
        }
        if !self.qty.is_empty() {
            struct_ser.serialize_field("qty", &self.qty)?;
        }
        if !self.unit_price.is_empty() {
            struct_ser.serialize_field("unitPrice", &self.unit_price)?;
        }
        if !self.unit_price_incl_tax.is_empty() {
            struct_ser.serialize_field("unitPriceInclTax", &self.unit_price_incl_tax)?;
        }
        if !self.weight.is_empty() {
            struct_ser.serialize_field("weight", &self.weight)?;
        }
        if !self.category_ids.is_empty() {
            struct_ser.serialize_field("categoryIds", &self.category_ids)?;
        }
        if !self.attribute_set_id.is_empty() {
            struct_ser.serialize_field("attributeSetId", &self.attribute_set_id)?;
        }
        if !self.attributes.is_empty() {
            struct_ser.serialize_field("attributes", &self.attributes)?;
        }
        if self.no_discount {
            struct_ser.serialize_field("noDiscount", &self.no_discount)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LineItem {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "line_id",
            "lineId",
            "sku",
            "qty",
            "unit_price",
            "unitPrice",
            "unit_price_incl_tax",
            "unitPriceInclTax",
            "weight",
            "category_ids",
            "categoryIds",
            "attribute_set_id",
            "attributeSetId",
            "attributes",
            "no_discount",
            "noDiscount",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LineId,
            Sku,
            Qty,
            UnitPrice,
            UnitPriceInclTax,
            Weight,
            CategoryIds,
            AttributeSetId,
            Attributes,
            NoDiscount,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "lineId" | "line_id" => Ok(GeneratedField::LineId),
                            "sku" => Ok(GeneratedField::Sku),
                            "qty" => Ok(GeneratedField::Qty),
                            "unitPrice" | "unit_price" => Ok(GeneratedField::UnitPrice),
                            "unitPriceInclTax" | "unit_price_incl_tax" => Ok(GeneratedField::UnitPriceInclTax),
                            "weight" => Ok(GeneratedField::Weight),
                            "categoryIds" | "category_ids" => Ok(GeneratedField::CategoryIds),
                            "attributeSetId" | "attribute_set_id" => Ok(GeneratedField::AttributeSetId),
                            "attributes" => Ok(GeneratedField::Attributes),
                            "noDiscount" | "no_discount" => Ok(GeneratedField::NoDiscount),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LineItem;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.LineItem")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LineItem, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut line_id__ = None;
                let mut sku__ = None;
                let mut qty__ = None;
                let mut unit_price__ = None;
                let mut unit_price_incl_tax__ = None;
                let mut weight__ = None;
                let mut category_ids__ = None;
                let mut attribute_set_id__ = None;
                let mut attributes__ = None;
                let mut no_discount__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LineId => {
                            if line_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lineId"));
                            }
                            line_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sku => {
                            if sku__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sku"));
                            }
                            sku__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Qty => {
                            if qty__.is_some() {
                                return Err(serde::de::Error::duplicate_field("qty"));
                            }
                            qty__ = Some(map_.next_value()?);
                        }
                        GeneratedField::UnitPrice => {
                            if unit_price__.is_some() {
                                return Err(serde::de::Error::duplicate_field("unitPrice"));
                            }
                            unit_price__ = Some(map_.next_value()?);
                        }
                        GeneratedField::UnitPriceInclTax => {
                            if unit_price_incl_tax__.is_some() {
                                return Err(serde::de::Error::duplicate_field("unitPriceInclTax"));
                            }
                            unit_price_incl_tax__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Weight => {
                            if weight__.is_some() {
                                return Err(serde::de::Error::duplicate_field("weight"));
                            }
                            weight__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CategoryIds => {
                            if category_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("categoryIds"));
                            }
                            category_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AttributeSetId => {
                            if attribute_set_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attributeSetId"));
                            }
                            attribute_set_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attributes => {
                            if attributes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attributes"));
                            }
                            attributes__ = Some(
                                map_.next_value::<std::collections::HashMap<_, _>>()?
                            );
                        }
                        GeneratedField::NoDiscount => {
                            if no_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("noDiscount"));
                            }
                            no_discount__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(LineItem {
                    line_id: line_id__.unwrap_or_default(),
                    sku: sku__.unwrap_or_default(),
                    qty: qty__.unwrap_or_default(),
                    unit_price: unit_price__.unwrap_or_default(),
                    unit_price_incl_tax: unit_price_incl_tax__.unwrap_or_default(),
                    weight: weight__.unwrap_or_default(),
                    category_ids: category_ids__.unwrap_or_default(),
                    attribute_set_id: attribute_set_id__.unwrap_or_default(),
                    attributes: attributes__.unwrap_or_default(),
                    no_discount: no_discount__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.LineItem", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LinePrice {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.line_id.is_empty() {
            len += 1;
        }
        if !self.row_total.is_empty() {
            len += 1;
        }
        if !self.discount_amount.is_empty() {
            len += 1;
        }
        if !self.row_total_after_discount.is_empty() {
            len += 1;
        }
        if self.free_shipping {
            len += 1;
        }
        if !self.free_shipping_qty.is_empty() {
            len += 1;
        }
        if !self.discounts.is_empty() {
            len += 1;
        }
        if !self.applied_rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.LinePrice", len)?;
        if !self.line_id.is_empty() {
            struct_ser.serialize_field("lineId", &self.line_id)?;
        }
        if !self.row_total.is_empty() {
            struct_ser.serialize_field("rowTotal", &self.row_total)?;
        }
        if !self.discount_amount.is_empty() {
            struct_ser.serialize_field("discountAmount", &self.discount_amount)?;
        }
        if !self.row_total_after_discount.is_empty() {
            struct_ser.serialize_field("rowTotalAfterDiscount", &self.row_total_after_discount)?;
        }
        if self.free_shipping {
            struct_ser.serialize_field("freeShipping", &self.free_shipping)?;
        }
        if !self.free_shipping_qty.is_empty() {
            struct_ser.serialize_field("freeShippingQty", &self.free_shipping_qty)?;
        }
        if !self.discounts.is_empty() {
            struct_ser.serialize_field("discounts", &self.discounts)?;
        }
        if !self.applied_rule_ids.is_empty() {
            struct_ser.serialize_field("appliedRuleIds", &self.applied_rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LinePrice {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "line_id",
            "lineId",
            "row_total",
            "rowTotal",
            "discount_amount",
            "discountAmount",
            "row_total_after_discount",
            "rowTotalAfterDiscount",
            "free_shipping",
            "freeShipping",
            "free_shipping_qty",
            "freeShippingQty",
            "discounts",
            "applied_rule_ids",
            "appliedRuleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            LineId,
            RowTotal,
            DiscountAmount,
            RowTotalAfterDiscount,
            FreeShipping,
            FreeShippingQty,
            Discounts,
            AppliedRuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "lineId" | "line_id" => Ok(GeneratedField::LineId),
                            "rowTotal" | "row_total" => Ok(GeneratedField::RowTotal),
                            "discountAmount" | "discount_amount" => Ok(GeneratedField::DiscountAmount),
                            "rowTotalAfterDiscount" | "row_total_after_discount" => Ok(GeneratedField::RowTotalAfterDiscount),
                            "freeShipping" | "free_shipping" => Ok(GeneratedField::FreeShipping),
                            "freeShippingQty" | "free_shipping_qty" => Ok(GeneratedField::FreeShippingQty),
                            "discounts" => Ok(GeneratedField::Discounts),
                            "appliedRuleIds" | "applied_rule_ids" => Ok(GeneratedField::AppliedRuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LinePrice;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.LinePrice")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LinePrice, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut line_id__ = None;
                let mut row_total__ = None;
                let mut discount_amount__ = None;
                let mut row_total_after_discount__ = None;
                let mut free_shipping__ = None;
                let mut free_shipping_qty__ = None;
                let mut discounts__ = None;
                let mut applied_rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::LineId => {
                            if line_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lineId"));
                            }
                            line_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RowTotal => {
                            if row_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rowTotal"));
                            }
                            row_total__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DiscountAmount => {
                            if discount_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountAmount"));
                            }
                            discount_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RowTotalAfterDiscount => {
                            if row_total_after_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rowTotalAfterDiscount"));
                            }
                            row_total_after_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FreeShipping => {
                            if free_shipping__.is_some() {
                                return Err(serde::de::Error::duplicate_field("freeShipping"));
                            }
                            free_shipping__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FreeShippingQty => {
                            if free_shipping_qty__.is_some() {
                                return Err(serde::de::Error::duplicate_field("freeShippingQty"));
                            }
                            free_shipping_qty__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Discounts => {
                            if discounts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discounts"));
                            }
                            discounts__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AppliedRuleIds => {
                            if applied_rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("appliedRuleIds"));
                            }
                            applied_rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(LinePrice {
                    line_id: line_id__.unwrap_or_default(),
                    row_total: row_total__.unwrap_or_default(),
                    discount_amount: discount_amount__.unwrap_or_default(),
                    row_total_after_discount: row_total_after_discount__.unwrap_or_default(),
                    free_shipping: free_shipping__.unwrap_or_default(),
                    free_shipping_qty: free_shipping_qty__.unwrap_or_default(),
                    discounts: discounts__.unwrap_or_default(),
                    applied_rule_ids: applied_rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.LinePrice", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListAudiencesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.query.is_empty() {
            len += 1;
        }
        if !self.states.is_empty() {
            len += 1;
        }
        if self.updated_after.is_some() {
            len += 1;
        }
        if self.updated_before.is_some() {
            len += 1;
        }
        if !self.order_by.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListAudiencesRequest", len)?;
        if !self.query.is_empty() {
            struct_ser.serialize_field("query", &self.query)?;
        }
        if !self.states.is_empty() {
            let v = self.states.iter().cloned().map(|v| {
                AudienceState::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("states", &v)?;
        }
        if let Some(v) = self.updated_after.as_ref() {
            struct_ser.serialize_field("updatedAfter", v)?;
        }
        if let Some(v) = self.updated_before.as_ref() {
            struct_ser.serialize_field("updatedBefore", v)?;
        }
        if !self.order_by.is_empty() {
            struct_ser.serialize_field("orderBy", &self.order_by)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListAudiencesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "query",
            "states",
            "updated_after",
            "updatedAfter",
            "updated_before",
            "updatedBefore",
            "order_by",
            "orderBy",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Query,
            States,
            UpdatedAfter,
            UpdatedBefore,
            OrderBy,
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "query" => Ok(GeneratedField::Query),
                            "states" => Ok(GeneratedField::States),
                            "updatedAfter" | "updated_after" => Ok(GeneratedField::UpdatedAfter),
                            "updatedBefore" | "updated_before" => Ok(GeneratedField::UpdatedBefore),
                            "orderBy" | "order_by" => Ok(GeneratedField::OrderBy),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListAudiencesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListAudiencesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListAudiencesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut query__ = None;
                let mut states__ = None;
                let mut updated_after__ = None;
                let mut updated_before__ = None;
                let mut order_by__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Query => {
                            if query__.is_some() {
                                return Err(serde::de::Error::duplicate_field("query"));
                            }
                            query__ = Some(map_.next_value()?);
                        }
                        GeneratedField::States => {
                            if states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("states"));
                            }
                            states__ = Some(map_.next_value::<Vec<AudienceState>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::UpdatedAfter => {
                            if updated_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAfter"));
                            }
                            updated_after__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedBefore => {
                            if updated_before__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedBefore"));
                            }
                            updated_before__ = map_.next_value()?;
                        }
                        GeneratedField::OrderBy => {
                            if order_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("orderBy"));
                            }
                            order_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListAudiencesRequest {
                    query: query__.unwrap_or_default(),
                    states: states__.unwrap_or_default(),
                    updated_after: updated_after__,
                    updated_before: updated_before__,
                    order_by: order_by__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListAudiencesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListAudiencesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.audiences.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        if self.total_size != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListAudiencesResponse", len)?;
        if !self.audiences.is_empty() {
            struct_ser.serialize_field("audiences", &self.audiences)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        if self.total_size != 0 {
            struct_ser.serialize_field("totalSize", &self.total_size)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListAudiencesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "audiences",
            "next_page_token",
            "nextPageToken",
            "total_size",
            "totalSize",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Audiences,
            NextPageToken,
            TotalSize,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "audiences" => Ok(GeneratedField::Audiences),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            "totalSize" | "total_size" => Ok(GeneratedField::TotalSize),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListAudiencesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListAudiencesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListAudiencesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut audiences__ = None;
                let mut next_page_token__ = None;
                let mut total_size__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Audiences => {
                            if audiences__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audiences"));
                            }
                            audiences__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TotalSize => {
                            if total_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("totalSize"));
                            }
                            total_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ListAudiencesResponse {
                    audiences: audiences__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                    total_size: total_size__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListAudiencesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListCouponsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListCouponsRequest", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListCouponsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListCouponsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListCouponsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListCouponsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListCouponsRequest {
                    rule_id: rule_id__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListCouponsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListCouponsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.coupons.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListCouponsResponse", len)?;
        if !self.coupons.is_empty() {
            struct_ser.serialize_field("coupons", &self.coupons)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListCouponsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "coupons",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Coupons,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "coupons" => Ok(GeneratedField::Coupons),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListCouponsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListCouponsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListCouponsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut coupons__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Coupons => {
                            if coupons__.is_some() {
                                return Err(serde::de::Error::duplicate_field("coupons"));
                            }
                            coupons__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListCouponsResponse {
                    coupons: coupons__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListCouponsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListRuleChangesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListRuleChangesRequest", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListRuleChangesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListRuleChangesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListRuleChangesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListRuleChangesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListRuleChangesRequest {
                    rule_id: rule_id__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListRuleChangesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListRuleChangesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.changes.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListRuleChangesResponse", len)?;
        if !self.changes.is_empty() {
            struct_ser.serialize_field("changes", &self.changes)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListRuleChangesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "changes",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Changes,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "changes" => Ok(GeneratedField::Changes),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListRuleChangesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListRuleChangesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListRuleChangesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut changes__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Changes => {
                            if changes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("changes"));
                            }
                            changes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListRuleChangesResponse {
                    changes: changes__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListRuleChangesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListRulesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.active_only {
            len += 1;
        }
        if !self.audience_id.is_empty() {
            len += 1;
        }
        if !self.coupon_code.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListRulesRequest", len)?;
        if self.active_only {
            struct_ser.serialize_field("activeOnly", &self.active_only)?;
        }
        if !self.audience_id.is_empty() {
            struct_ser.serialize_field("audienceId", &self.audience_id)?;
        }
        if !self.coupon_code.is_empty() {
            struct_ser.serialize_field("couponCode", &self.coupon_code)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListRulesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "active_only",
            "activeOnly",
            "audience_id",
            "audienceId",
            "coupon_code",
            "couponCode",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ActiveOnly,
            AudienceId,
            CouponCode,
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "activeOnly" | "active_only" => Ok(GeneratedField::ActiveOnly),
                            "audienceId" | "audience_id" => Ok(GeneratedField::AudienceId),
                            "couponCode" | "coupon_code" => Ok(GeneratedField::CouponCode),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListRulesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListRulesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListRulesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut active_only__ = None;
                let mut audience_id__ = None;
                let mut coupon_code__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ActiveOnly => {
                            if active_only__.is_some() {
                                return Err(serde::de::Error::duplicate_field("activeOnly"));
                            }
                            active_only__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AudienceId => {
                            if audience_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceId"));
                            }
                            audience_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CouponCode => {
                            if coupon_code__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponCode"));
                            }
                            coupon_code__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListRulesRequest {
                    active_only: active_only__.unwrap_or_default(),
                    audience_id: audience_id__.unwrap_or_default(),
                    coupon_code: coupon_code__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListRulesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListRulesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.rules.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ListRulesResponse", len)?;
        if !self.rules.is_empty() {
            struct_ser.serialize_field("rules", &self.rules)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListRulesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rules",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rules,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rules" => Ok(GeneratedField::Rules),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListRulesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ListRulesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListRulesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rules__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rules => {
                            if rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rules"));
                            }
                            rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListRulesResponse {
                    rules: rules__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ListRulesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Membership {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.source != 0 {
            len += 1;
        }
        if !self.audience_ids.is_empty() {
            len += 1;
        }
        if self.age_ms != 0 {
            len += 1;
        }
        if !self.note.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.Membership", len)?;
        if self.source != 0 {
            let v = MembershipSource::try_from(self.source)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.source)))?;
            struct_ser.serialize_field("source", &v)?;
        }
        if !self.audience_ids.is_empty() {
            struct_ser.serialize_field("audienceIds", &self.audience_ids)?;
        }
        if self.age_ms != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ageMs", ToString::to_string(&self.age_ms).as_str())?;
        }
        if !self.note.is_empty() {
            struct_ser.serialize_field("note", &self.note)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Membership {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "source",
            "audience_ids",
            "audienceIds",
            "age_ms",
            "ageMs",
            "note",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Source,
            AudienceIds,
            AgeMs,
            Note,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "source" => Ok(GeneratedField::Source),
                            "audienceIds" | "audience_ids" => Ok(GeneratedField::AudienceIds),
                            "ageMs" | "age_ms" => Ok(GeneratedField::AgeMs),
                            "note" => Ok(GeneratedField::Note),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Membership;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.Membership")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Membership, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut source__ = None;
                let mut audience_ids__ = None;
                let mut age_ms__ = None;
                let mut note__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Source => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("source"));
                            }
                            source__ = Some(map_.next_value::<MembershipSource>()? as i32);
                        }
                        GeneratedField::AudienceIds => {
                            if audience_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceIds"));
                            }
                            audience_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AgeMs => {
                            if age_ms__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ageMs"));
                            }
                            age_ms__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Note => {
                            if note__.is_some() {
                                return Err(serde::de::Error::duplicate_field("note"));
                            }
                            note__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Membership {
                    source: source__.unwrap_or_default(),
                    audience_ids: audience_ids__.unwrap_or_default(),
                    age_ms: age_ms__.unwrap_or_default(),
                    note: note__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.Membership", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for MembershipSource {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "MEMBERSHIP_SOURCE_UNSPECIFIED",
            Self::Header => "MEMBERSHIP_SOURCE_HEADER",
            Self::Token => "MEMBERSHIP_SOURCE_TOKEN",
            Self::Lookup => "MEMBERSHIP_SOURCE_LOOKUP",
            Self::Cache => "MEMBERSHIP_SOURCE_CACHE",
            Self::None => "MEMBERSHIP_SOURCE_NONE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for MembershipSource {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "MEMBERSHIP_SOURCE_UNSPECIFIED",
            "MEMBERSHIP_SOURCE_HEADER",
            "MEMBERSHIP_SOURCE_TOKEN",
            "MEMBERSHIP_SOURCE_LOOKUP",
            "MEMBERSHIP_SOURCE_CACHE",
            "MEMBERSHIP_SOURCE_NONE",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = MembershipSource;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "MEMBERSHIP_SOURCE_UNSPECIFIED" => Ok(MembershipSource::Unspecified),
                    "MEMBERSHIP_SOURCE_HEADER" => Ok(MembershipSource::Header),
                    "MEMBERSHIP_SOURCE_TOKEN" => Ok(MembershipSource::Token),
                    "MEMBERSHIP_SOURCE_LOOKUP" => Ok(MembershipSource::Lookup),
                    "MEMBERSHIP_SOURCE_CACHE" => Ok(MembershipSource::Cache),
                    "MEMBERSHIP_SOURCE_NONE" => Ok(MembershipSource::None),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for Operator {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "OPERATOR_UNSPECIFIED",
            Self::Eq => "OPERATOR_EQ",
            Self::Ne => "OPERATOR_NE",
            Self::Gte => "OPERATOR_GTE",
            Self::Gt => "OPERATOR_GT",
            Self::Lte => "OPERATOR_LTE",
            Self::Lt => "OPERATOR_LT",
            Self::Contains => "OPERATOR_CONTAINS",
            Self::NotContains => "OPERATOR_NOT_CONTAINS",
            Self::IsOneOf => "OPERATOR_IS_ONE_OF",
            Self::IsNotOneOf => "OPERATOR_IS_NOT_ONE_OF",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Operator {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "OPERATOR_UNSPECIFIED",
            "OPERATOR_EQ",
            "OPERATOR_NE",
            "OPERATOR_GTE",
            "OPERATOR_GT",
            "OPERATOR_LTE",
            "OPERATOR_LT",
            "OPERATOR_CONTAINS",
            "OPERATOR_NOT_CONTAINS",
            "OPERATOR_IS_ONE_OF",
            "OPERATOR_IS_NOT_ONE_OF",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = Operator;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "OPERATOR_UNSPECIFIED" => Ok(Operator::Unspecified),
                    "OPERATOR_EQ" => Ok(Operator::Eq),
                    "OPERATOR_NE" => Ok(Operator::Ne),
                    "OPERATOR_GTE" => Ok(Operator::Gte),
                    "OPERATOR_GT" => Ok(Operator::Gt),
                    "OPERATOR_LTE" => Ok(Operator::Lte),
                    "OPERATOR_LT" => Ok(Operator::Lt),
                    "OPERATOR_CONTAINS" => Ok(Operator::Contains),
                    "OPERATOR_NOT_CONTAINS" => Ok(Operator::NotContains),
                    "OPERATOR_IS_ONE_OF" => Ok(Operator::IsOneOf),
                    "OPERATOR_IS_NOT_ONE_OF" => Ok(Operator::IsNotOneOf),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for PriceCartRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.cart.is_some() {
            len += 1;
        }
        if self.explain {
            len += 1;
        }
        if self.hints {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.PriceCartRequest", len)?;
        if let Some(v) = self.cart.as_ref() {
            struct_ser.serialize_field("cart", v)?;
        }
        if self.explain {
            struct_ser.serialize_field("explain", &self.explain)?;
        }
        if self.hints {
            struct_ser.serialize_field("hints", &self.hints)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PriceCartRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "cart",
            "explain",
            "hints",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Cart,
            Explain,
            Hints,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "cart" => Ok(GeneratedField::Cart),
                            "explain" => Ok(GeneratedField::Explain),
                            "hints" => Ok(GeneratedField::Hints),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PriceCartRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.PriceCartRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PriceCartRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut cart__ = None;
                let mut explain__ = None;
                let mut hints__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Cart => {
                            if cart__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cart"));
                            }
                            cart__ = map_.next_value()?;
                        }
                        GeneratedField::Explain => {
                            if explain__.is_some() {
                                return Err(serde::de::Error::duplicate_field("explain"));
                            }
                            explain__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Hints => {
                            if hints__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hints"));
                            }
                            hints__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(PriceCartRequest {
                    cart: cart__,
                    explain: explain__.unwrap_or_default(),
                    hints: hints__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.PriceCartRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for PriceCartResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.currency.is_empty() {
            len += 1;
        }
        if !self.subtotal.is_empty() {
            len += 1;
        }
        if !self.item_discount_total.is_empty() {
            len += 1;
        }
        if !self.shipping_amount.is_empty() {
            len += 1;
        }
        if !self.shipping_discount.is_empty() {
            len += 1;
        }
        if !self.discount_total.is_empty() {
            len += 1;
        }
        if !self.grand_total.is_empty() {
            len += 1;
        }
        if self.free_shipping {
            len += 1;
        }
        if !self.lines.is_empty() {
            len += 1;
        }
        if !self.applied_rules.is_empty() {
            len += 1;
        }
        if !self.coupons.is_empty() {
            len += 1;
        }
        if !self.audience_ids.is_empty() {
            len += 1;
        }
        if !self.trace.is_empty() {
            len += 1;
        }
        if self.ruleset_version != 0 {
            len += 1;
        }
        if self.membership.is_some() {
            len += 1;
        }
        if !self.hints.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.PriceCartResponse", len)?;
        if !self.currency.is_empty() {
            struct_ser.serialize_field("currency", &self.currency)?;
        }
        if !self.subtotal.is_empty() {
            struct_ser.serialize_field("subtotal", &self.subtotal)?;
        }
        if !self.item_discount_total.is_empty() {
            struct_ser.serialize_field("itemDiscountTotal", &self.item_discount_total)?;
        }
        if !self.shipping_amount.is_empty() {
            struct_ser.serialize_field("shippingAmount", &self.shipping_amount)?;
        }
        if !self.shipping_discount.is_empty() {
            struct_ser.serialize_field("shippingDiscount", &self.shipping_discount)?;
        }
        if !self.discount_total.is_empty() {
            struct_ser.serialize_field("discountTotal", &self.discount_total)?;
        }
        if !self.grand_total.is_empty() {
            struct_ser.serialize_field("grandTotal", &self.grand_total)?;
        }
        if self.free_shipping {
            struct_ser.serialize_field("freeShipping", &self.free_shipping)?;
        }
        if !self.lines.is_empty() {
            struct_ser.serialize_field("lines", &self.lines)?;
        }
        if !self.applied_rules.is_empty() {
            struct_ser.serialize_field("appliedRules", &self.applied_rules)?;
        }
        if !self.coupons.is_empty() {
            struct_ser.serialize_field("coupons", &self.coupons)?;
        }
        if !self.audience_ids.is_empty() {
            struct_ser.serialize_field("audienceIds", &self.audience_ids)?;
        }
        if !self.trace.is_empty() {
            struct_ser.serialize_field("trace", &self.trace)?;
        }
        if self.ruleset_version != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("rulesetVersion", ToString::to_string(&self.ruleset_version).as_str())?;
        }
        if let Some(v) = self.membership.as_ref() {
            struct_ser.serialize_field("membership", v)?;
        }
        if !self.hints.is_empty() {
            struct_ser.serialize_field("hints", &self.hints)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for PriceCartResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "currency",
            "subtotal",
            "item_discount_total",
            "itemDiscountTotal",
            "shipping_amount",
            "shippingAmount",
            "shipping_discount",
            "shippingDiscount",
            "discount_total",
            "discountTotal",
            "grand_total",
            "grandTotal",
            "free_shipping",
            "freeShipping",
            "lines",
            "applied_rules",
            "appliedRules",
            "coupons",
            "audience_ids",
            "audienceIds",
            "trace",
            "ruleset_version",
            "rulesetVersion",
            "membership",
            "hints",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Currency,
            Subtotal,
            ItemDiscountTotal,
            ShippingAmount,
            ShippingDiscount,
            DiscountTotal,
            GrandTotal,
            FreeShipping,
            Lines,
            AppliedRules,
            Coupons,
            AudienceIds,
            Trace,
            RulesetVersion,
            Membership,
            Hints,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "currency" => Ok(GeneratedField::Currency),
                            "subtotal" => Ok(GeneratedField::Subtotal),
                            "itemDiscountTotal" | "item_discount_total" => Ok(GeneratedField::ItemDiscountTotal),
                            "shippingAmount" | "shipping_amount" => Ok(GeneratedField::ShippingAmount),
                            "shippingDiscount" | "shipping_discount" => Ok(GeneratedField::ShippingDiscount),
                            "discountTotal" | "discount_total" => Ok(GeneratedField::DiscountTotal),
                            "grandTotal" | "grand_total" => Ok(GeneratedField::GrandTotal),
                            "freeShipping" | "free_shipping" => Ok(GeneratedField::FreeShipping),
                            "lines" => Ok(GeneratedField::Lines),
                            "appliedRules" | "applied_rules" => Ok(GeneratedField::AppliedRules),
                            "coupons" => Ok(GeneratedField::Coupons),
                            "audienceIds" | "audience_ids" => Ok(GeneratedField::AudienceIds),
                            "trace" => Ok(GeneratedField::Trace),
                            "rulesetVersion" | "ruleset_version" => Ok(GeneratedField::RulesetVersion),
                            "membership" => Ok(GeneratedField::Membership),
                            "hints" => Ok(GeneratedField::Hints),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = PriceCartResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.PriceCartResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<PriceCartResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut currency__ = None;
                let mut subtotal__ = None;
                let mut item_discount_total__ = None;
                let mut shipping_amount__ = None;
                let mut shipping_discount__ = None;
                let mut discount_total__ = None;
                let mut grand_total__ = None;
                let mut free_shipping__ = None;
                let mut lines__ = None;
                let mut applied_rules__ = None;
                let mut coupons__ = None;
                let mut audience_ids__ = None;
                let mut trace__ = None;
                let mut ruleset_version__ = None;
                let mut membership__ = None;
                let mut hints__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Currency => {
                            if currency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("currency"));
                            }
                            currency__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Subtotal => {
                            if subtotal__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subtotal"));
                            }
                            subtotal__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ItemDiscountTotal => {
                            if item_discount_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("itemDiscountTotal"));
                            }
                            item_discount_total__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ShippingAmount => {
                            if shipping_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingAmount"));
                            }
                            shipping_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ShippingDiscount => {
                            if shipping_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("shippingDiscount"));
                            }
                            shipping_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DiscountTotal => {
                            if discount_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountTotal"));
                            }
                            discount_total__ = Some(map_.next_value()?);
                        }
                        GeneratedField::GrandTotal => {
                            if grand_total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("grandTotal"));
                            }
                            grand_total__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FreeShipping => {
                            if free_shipping__.is_some() {
                                return Err(serde::de::Error::duplicate_field("freeShipping"));
                            }
                            free_shipping__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Lines => {
                            if lines__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lines"));
                            }
                            lines__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AppliedRules => {
                            if applied_rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("appliedRules"));
                            }
                            applied_rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Coupons => {
                            if coupons__.is_some() {
                                return Err(serde::de::Error::duplicate_field("coupons"));
                            }
                            coupons__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AudienceIds => {
                            if audience_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceIds"));
                            }
                            audience_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Trace => {
                            if trace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("trace"));
                            }
                            trace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RulesetVersion => {
                            if ruleset_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rulesetVersion"));
                            }
                            ruleset_version__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Membership => {
                            if membership__.is_some() {
                                return Err(serde::de::Error::duplicate_field("membership"));
                            }
                            membership__ = map_.next_value()?;
                        }
                        GeneratedField::Hints => {
                            if hints__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hints"));
                            }
                            hints__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(PriceCartResponse {
                    currency: currency__.unwrap_or_default(),
                    subtotal: subtotal__.unwrap_or_default(),
                    item_discount_total: item_discount_total__.unwrap_or_default(),
                    shipping_amount: shipping_amount__.unwrap_or_default(),
                    shipping_discount: shipping_discount__.unwrap_or_default(),
                    discount_total: discount_total__.unwrap_or_default(),
                    grand_total: grand_total__.unwrap_or_default(),
                    free_shipping: free_shipping__.unwrap_or_default(),
                    lines: lines__.unwrap_or_default(),
                    applied_rules: applied_rules__.unwrap_or_default(),
                    coupons: coupons__.unwrap_or_default(),
                    audience_ids: audience_ids__.unwrap_or_default(),
                    trace: trace__.unwrap_or_default(),
                    ruleset_version: ruleset_version__.unwrap_or_default(),
                    membership: membership__,
                    hints: hints__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.PriceCartResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProductCondition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.attribute.is_empty() {
            len += 1;
        }
        if self.operator != 0 {
            len += 1;
        }
        if !self.values.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ProductCondition", len)?;
        if !self.attribute.is_empty() {
            struct_ser.serialize_field("attribute", &self.attribute)?;
        }
        if self.operator != 0 {
            let v = Operator::try_from(self.operator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.operator)))?;
            struct_ser.serialize_field("operator", &v)?;
        }
        if !self.values.is_empty() {
            struct_ser.serialize_field("values", &self.values)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProductCondition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attribute",
            "operator",
            "values",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attribute,
            Operator,
            Values,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attribute" => Ok(GeneratedField::Attribute),
                            "operator" => Ok(GeneratedField::Operator),
                            "values" => Ok(GeneratedField::Values),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProductCondition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ProductCondition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProductCondition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attribute__ = None;
                let mut operator__ = None;
                let mut values__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attribute => {
                            if attribute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attribute"));
                            }
                            attribute__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value::<Operator>()? as i32);
                        }
                        GeneratedField::Values => {
                            if values__.is_some() {
                                return Err(serde::de::Error::duplicate_field("values"));
                            }
                            values__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ProductCondition {
                    attribute: attribute__.unwrap_or_default(),
                    operator: operator__.unwrap_or_default(),
                    values: values__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ProductCondition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProductFound {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.not_found {
            len += 1;
        }
        if self.aggregator != 0 {
            len += 1;
        }
        if !self.conditions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ProductFound", len)?;
        if self.not_found {
            struct_ser.serialize_field("notFound", &self.not_found)?;
        }
        if self.aggregator != 0 {
            let v = Aggregator::try_from(self.aggregator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.aggregator)))?;
            struct_ser.serialize_field("aggregator", &v)?;
        }
        if !self.conditions.is_empty() {
            struct_ser.serialize_field("conditions", &self.conditions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProductFound {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "not_found",
            "notFound",
            "aggregator",
            "conditions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            NotFound,
            Aggregator,
            Conditions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "notFound" | "not_found" => Ok(GeneratedField::NotFound),
                            "aggregator" => Ok(GeneratedField::Aggregator),
                            "conditions" => Ok(GeneratedField::Conditions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProductFound;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ProductFound")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProductFound, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut not_found__ = None;
                let mut aggregator__ = None;
                let mut conditions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::NotFound => {
                            if not_found__.is_some() {
                                return Err(serde::de::Error::duplicate_field("notFound"));
                            }
                            not_found__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Aggregator => {
                            if aggregator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("aggregator"));
                            }
                            aggregator__ = Some(map_.next_value::<Aggregator>()? as i32);
                        }
                        GeneratedField::Conditions => {
                            if conditions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conditions"));
                            }
                            conditions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ProductFound {
                    not_found: not_found__.unwrap_or_default(),
                    aggregator: aggregator__.unwrap_or_default(),
                    conditions: conditions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ProductFound", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ProductSubselect {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.attribute != 0 {
            len += 1;
        }
        if self.operator != 0 {
            len += 1;
        }
        if !self.values.is_empty() {
            len += 1;
        }
        if self.aggregator != 0 {
            len += 1;
        }
        if !self.conditions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ProductSubselect", len)?;
        if self.attribute != 0 {
            let v = SubselectAttribute::try_from(self.attribute)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.attribute)))?;
            struct_ser.serialize_field("attribute", &v)?;
        }
        if self.operator != 0 {
            let v = Operator::try_from(self.operator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.operator)))?;
            struct_ser.serialize_field("operator", &v)?;
        }
        if !self.values.is_empty() {
            struct_ser.serialize_field("values", &self.values)?;
        }
        if self.aggregator != 0 {
            let v = Aggregator::try_from(self.aggregator)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.aggregator)))?;
            struct_ser.serialize_field("aggregator", &v)?;
        }
        if !self.conditions.is_empty() {
            struct_ser.serialize_field("conditions", &self.conditions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ProductSubselect {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "attribute",
            "operator",
            "values",
            "aggregator",
            "conditions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Attribute,
            Operator,
            Values,
            Aggregator,
            Conditions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "attribute" => Ok(GeneratedField::Attribute),
                            "operator" => Ok(GeneratedField::Operator),
                            "values" => Ok(GeneratedField::Values),
                            "aggregator" => Ok(GeneratedField::Aggregator),
                            "conditions" => Ok(GeneratedField::Conditions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ProductSubselect;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ProductSubselect")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ProductSubselect, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut attribute__ = None;
                let mut operator__ = None;
                let mut values__ = None;
                let mut aggregator__ = None;
                let mut conditions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Attribute => {
                            if attribute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attribute"));
                            }
                            attribute__ = Some(map_.next_value::<SubselectAttribute>()? as i32);
                        }
                        GeneratedField::Operator => {
                            if operator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("operator"));
                            }
                            operator__ = Some(map_.next_value::<Operator>()? as i32);
                        }
                        GeneratedField::Values => {
                            if values__.is_some() {
                                return Err(serde::de::Error::duplicate_field("values"));
                            }
                            values__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Aggregator => {
                            if aggregator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("aggregator"));
                            }
                            aggregator__ = Some(map_.next_value::<Aggregator>()? as i32);
                        }
                        GeneratedField::Conditions => {
                            if conditions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conditions"));
                            }
                            conditions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ProductSubselect {
                    attribute: attribute__.unwrap_or_default(),
                    operator: operator__.unwrap_or_default(),
                    values: values__.unwrap_or_default(),
                    aggregator: aggregator__.unwrap_or_default(),
                    conditions: conditions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ProductSubselect", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordUsageRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.order_id.is_empty() {
            len += 1;
        }
        if !self.customer_id.is_empty() {
            len += 1;
        }
        if !self.rule_ids.is_empty() {
            len += 1;
        }
        if !self.coupon_codes.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RecordUsageRequest", len)?;
        if !self.order_id.is_empty() {
            struct_ser.serialize_field("orderId", &self.order_id)?;
        }
        if !self.customer_id.is_empty() {
            struct_ser.serialize_field("customerId", &self.customer_id)?;
        }
        if !self.rule_ids.is_empty() {
            struct_ser.serialize_field("ruleIds", &self.rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        if !self.coupon_codes.is_empty() {
            struct_ser.serialize_field("couponCodes", &self.coupon_codes)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordUsageRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "order_id",
            "orderId",
            "customer_id",
            "customerId",
            "rule_ids",
            "ruleIds",
            "coupon_codes",
            "couponCodes",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            OrderId,
            CustomerId,
            RuleIds,
            CouponCodes,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "orderId" | "order_id" => Ok(GeneratedField::OrderId),
                            "customerId" | "customer_id" => Ok(GeneratedField::CustomerId),
                            "ruleIds" | "rule_ids" => Ok(GeneratedField::RuleIds),
                            "couponCodes" | "coupon_codes" => Ok(GeneratedField::CouponCodes),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordUsageRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RecordUsageRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordUsageRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut order_id__ = None;
                let mut customer_id__ = None;
                let mut rule_ids__ = None;
                let mut coupon_codes__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::OrderId => {
                            if order_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("orderId"));
                            }
                            order_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CustomerId => {
                            if customer_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("customerId"));
                            }
                            customer_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RuleIds => {
                            if rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleIds"));
                            }
                            rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                        GeneratedField::CouponCodes => {
                            if coupon_codes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponCodes"));
                            }
                            coupon_codes__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RecordUsageRequest {
                    order_id: order_id__.unwrap_or_default(),
                    customer_id: customer_id__.unwrap_or_default(),
                    rule_ids: rule_ids__.unwrap_or_default(),
                    coupon_codes: coupon_codes__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RecordUsageRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordUsageResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.recorded {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RecordUsageResponse", len)?;
        if self.recorded {
            struct_ser.serialize_field("recorded", &self.recorded)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordUsageResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "recorded",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Recorded,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "recorded" => Ok(GeneratedField::Recorded),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordUsageResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RecordUsageResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordUsageResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut recorded__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Recorded => {
                            if recorded__.is_some() {
                                return Err(serde::de::Error::duplicate_field("recorded"));
                            }
                            recorded__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RecordUsageResponse {
                    recorded: recorded__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RecordUsageResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReplaySummary {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.currency.is_empty() {
            len += 1;
        }
        if self.carts != 0 {
            len += 1;
        }
        if self.affected != 0 {
            len += 1;
        }
        if !self.live_discount.is_empty() {
            len += 1;
        }
        if !self.simulated_discount.is_empty() {
            len += 1;
        }
        if !self.rules.is_empty() {
            len += 1;
        }
        if !self.draft_rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ReplaySummary", len)?;
        if !self.currency.is_empty() {
            struct_ser.serialize_field("currency", &self.currency)?;
        }
        if self.carts != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("carts", ToString::to_string(&self.carts).as_str())?;
        }
        if self.affected != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("affected", ToString::to_string(&self.affected).as_str())?;
        }
        if !self.live_discount.is_empty() {
            struct_ser.serialize_field("liveDiscount", &self.live_discount)?;
        }
        if !self.simulated_discount.is_empty() {
            struct_ser.serialize_field("simulatedDiscount", &self.simulated_discount)?;
        }
        if !self.rules.is_empty() {
            struct_ser.serialize_field("rules", &self.rules)?;
        }
        if !self.draft_rule_ids.is_empty() {
            struct_ser.serialize_field("draftRuleIds", &self.draft_rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReplaySummary {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "currency",
            "carts",
            "affected",
            "live_discount",
            "liveDiscount",
            "simulated_discount",
            "simulatedDiscount",
            "rules",
            "draft_rule_ids",
            "draftRuleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Currency,
            Carts,
            Affected,
            LiveDiscount,
            SimulatedDiscount,
            Rules,
            DraftRuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "currency" => Ok(GeneratedField::Currency),
                            "carts" => Ok(GeneratedField::Carts),
                            "affected" => Ok(GeneratedField::Affected),
                            "liveDiscount" | "live_discount" => Ok(GeneratedField::LiveDiscount),
                            "simulatedDiscount" | "simulated_discount" => Ok(GeneratedField::SimulatedDiscount),
                            "rules" => Ok(GeneratedField::Rules),
                            "draftRuleIds" | "draft_rule_ids" => Ok(GeneratedField::DraftRuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReplaySummary;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ReplaySummary")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReplaySummary, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut currency__ = None;
                let mut carts__ = None;
                let mut affected__ = None;
                let mut live_discount__ = None;
                let mut simulated_discount__ = None;
                let mut rules__ = None;
                let mut draft_rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Currency => {
                            if currency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("currency"));
                            }
                            currency__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Carts => {
                            if carts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("carts"));
                            }
                            carts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Affected => {
                            if affected__.is_some() {
                                return Err(serde::de::Error::duplicate_field("affected"));
                            }
                            affected__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LiveDiscount => {
                            if live_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveDiscount"));
                            }
                            live_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedDiscount => {
                            if simulated_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedDiscount"));
                            }
                            simulated_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Rules => {
                            if rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rules"));
                            }
                            rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DraftRuleIds => {
                            if draft_rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("draftRuleIds"));
                            }
                            draft_rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(ReplaySummary {
                    currency: currency__.unwrap_or_default(),
                    carts: carts__.unwrap_or_default(),
                    affected: affected__.unwrap_or_default(),
                    live_discount: live_discount__.unwrap_or_default(),
                    simulated_discount: simulated_discount__.unwrap_or_default(),
                    rules: rules__.unwrap_or_default(),
                    draft_rule_ids: draft_rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ReplaySummary", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RestoreRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        if self.version != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RestoreRuleRequest", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        if self.version != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("version", ToString::to_string(&self.version).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RestoreRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "version",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Version,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "version" => Ok(GeneratedField::Version),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RestoreRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RestoreRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RestoreRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut version__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(RestoreRuleRequest {
                    id: id__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RestoreRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RestoreRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RestoreRuleResponse", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RestoreRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RestoreRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RestoreRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RestoreRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RestoreRuleResponse {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RestoreRuleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleChange {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        if self.rule_id != 0 {
            len += 1;
        }
        if self.version != 0 {
            len += 1;
        }
        if self.action != 0 {
            len += 1;
        }
        if !self.actor.is_empty() {
            len += 1;
        }
        if self.door != 0 {
            len += 1;
        }
        if self.changed_at.is_some() {
            len += 1;
        }
        if self.before.is_some() {
            len += 1;
        }
        if self.after.is_some() {
            len += 1;
        }
        if self.coupons_generated.is_some() {
            len += 1;
        }
        if self.restored_version != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleChange", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.version != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("version", ToString::to_string(&self.version).as_str())?;
        }
        if self.action != 0 {
            let v = ChangeAction::try_from(self.action)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.action)))?;
            struct_ser.serialize_field("action", &v)?;
        }
        if !self.actor.is_empty() {
            struct_ser.serialize_field("actor", &self.actor)?;
        }
        if self.door != 0 {
            let v = ChangeDoor::try_from(self.door)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.door)))?;
            struct_ser.serialize_field("door", &v)?;
        }
        if let Some(v) = self.changed_at.as_ref() {
            struct_ser.serialize_field("changedAt", v)?;
        }
        if let Some(v) = self.before.as_ref() {
            struct_ser.serialize_field("before", v)?;
        }
        if let Some(v) = self.after.as_ref() {
            struct_ser.serialize_field("after", v)?;
        }
        if let Some(v) = self.coupons_generated.as_ref() {
            struct_ser.serialize_field("couponsGenerated", v)?;
        }
        if self.restored_version != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("restoredVersion", ToString::to_string(&self.restored_version).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleChange {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "rule_id",
            "ruleId",
            "version",
            "action",
            "actor",
            "door",
            "changed_at",
            "changedAt",
            "before",
            "after",
            "coupons_generated",
            "couponsGenerated",
            "restored_version",
            "restoredVersion",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            RuleId,
            Version,
            Action,
            Actor,
            Door,
            ChangedAt,
            Before,
            After,
            CouponsGenerated,
            RestoredVersion,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "version" => Ok(GeneratedField::Version),
                            "action" => Ok(GeneratedField::Action),
                            "actor" => Ok(GeneratedField::Actor),
                            "door" => Ok(GeneratedField::Door),
                            "changedAt" | "changed_at" => Ok(GeneratedField::ChangedAt),
                            "before" => Ok(GeneratedField::Before),
                            "after" => Ok(GeneratedField::After),
                            "couponsGenerated" | "coupons_generated" => Ok(GeneratedField::CouponsGenerated),
                            "restoredVersion" | "restored_version" => Ok(GeneratedField::RestoredVersion),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleChange;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleChange")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleChange, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut rule_id__ = None;
                let mut version__ = None;
                let mut action__ = None;
                let mut actor__ = None;
                let mut door__ = None;
                let mut changed_at__ = None;
                let mut before__ = None;
                let mut after__ = None;
                let mut coupons_generated__ = None;
                let mut restored_version__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Action => {
                            if action__.is_some() {
                                return Err(serde::de::Error::duplicate_field("action"));
                            }
                            action__ = Some(map_.next_value::<ChangeAction>()? as i32);
                        }
                        GeneratedField::Actor => {
                            if actor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("actor"));
                            }
                            actor__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Door => {
                            if door__.is_some() {
                                return Err(serde::de::Error::duplicate_field("door"));
                            }
                            door__ = Some(map_.next_value::<ChangeDoor>()? as i32);
                        }
                        GeneratedField::ChangedAt => {
                            if changed_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("changedAt"));
                            }
                            changed_at__ = map_.next_value()?;
                        }
                        GeneratedField::Before => {
                            if before__.is_some() {
                                return Err(serde::de::Error::duplicate_field("before"));
                            }
                            before__ = map_.next_value()?;
                        }
                        GeneratedField::After => {
                            if after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("after"));
                            }
                            after__ = map_.next_value()?;
                        }
                        GeneratedField::CouponsGenerated => {
                            if coupons_generated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("couponsGenerated"));
                            }
                            coupons_generated__ = map_.next_value()?;
                        }
                        GeneratedField::RestoredVersion => {
                            if restored_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("restoredVersion"));
                            }
                            restored_version__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(RuleChange {
                    id: id__.unwrap_or_default(),
                    rule_id: rule_id__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    action: action__.unwrap_or_default(),
                    actor: actor__.unwrap_or_default(),
                    door: door__.unwrap_or_default(),
                    changed_at: changed_at__,
                    before: before__,
                    after: after__,
                    coupons_generated: coupons_generated__,
                    restored_version: restored_version__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleChange", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleDelta {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if !self.live_discount.is_empty() {
            len += 1;
        }
        if !self.simulated_discount.is_empty() {
            len += 1;
        }
        if !self.delta.is_empty() {
            len += 1;
        }
        if self.live_outcome != 0 {
            len += 1;
        }
        if self.simulated_outcome != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleDelta", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if !self.live_discount.is_empty() {
            struct_ser.serialize_field("liveDiscount", &self.live_discount)?;
        }
        if !self.simulated_discount.is_empty() {
            struct_ser.serialize_field("simulatedDiscount", &self.simulated_discount)?;
        }
        if !self.delta.is_empty() {
            struct_ser.serialize_field("delta", &self.delta)?;
        }
        if self.live_outcome != 0 {
            let v = RuleOutcome::try_from(self.live_outcome)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.live_outcome)))?;
            struct_ser.serialize_field("liveOutcome", &v)?;
        }
        if self.simulated_outcome != 0 {
            let v = RuleOutcome::try_from(self.simulated_outcome)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.simulated_outcome)))?;
            struct_ser.serialize_field("simulatedOutcome", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleDelta {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "live_discount",
            "liveDiscount",
            "simulated_discount",
            "simulatedDiscount",
            "delta",
            "live_outcome",
            "liveOutcome",
            "simulated_outcome",
            "simulatedOutcome",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            LiveDiscount,
            SimulatedDiscount,
            Delta,
            LiveOutcome,
            SimulatedOutcome,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "liveDiscount" | "live_discount" => Ok(GeneratedField::LiveDiscount),
                            "simulatedDiscount" | "simulated_discount" => Ok(GeneratedField::SimulatedDiscount),
                            "delta" => Ok(GeneratedField::Delta),
                            "liveOutcome" | "live_outcome" => Ok(GeneratedField::LiveOutcome),
                            "simulatedOutcome" | "simulated_outcome" => Ok(GeneratedField::SimulatedOutcome),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleDelta;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleDelta")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleDelta, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut live_discount__ = None;
                let mut simulated_discount__ = None;
                let mut delta__ = None;
                let mut live_outcome__ = None;
                let mut simulated_outcome__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LiveDiscount => {
                            if live_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveDiscount"));
                            }
                            live_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedDiscount => {
                            if simulated_discount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedDiscount"));
                            }
                            simulated_discount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Delta => {
                            if delta__.is_some() {
                                return Err(serde::de::Error::duplicate_field("delta"));
                            }
                            delta__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LiveOutcome => {
                            if live_outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveOutcome"));
                            }
                            live_outcome__ = Some(map_.next_value::<RuleOutcome>()? as i32);
                        }
                        GeneratedField::SimulatedOutcome => {
                            if simulated_outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedOutcome"));
                            }
                            simulated_outcome__ = Some(map_.next_value::<RuleOutcome>()? as i32);
                        }
                    }
                }
                Ok(RuleDelta {
                    rule_id: rule_id__.unwrap_or_default(),
                    live_discount: live_discount__.unwrap_or_default(),
                    simulated_discount: simulated_discount__.unwrap_or_default(),
                    delta: delta__.unwrap_or_default(),
                    live_outcome: live_outcome__.unwrap_or_default(),
                    simulated_outcome: simulated_outcome__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleDelta", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleDiscount {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if !self.label.is_empty() {
            len += 1;
        }
        if !self.amount.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleDiscount", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if !self.label.is_empty() {
            struct_ser.serialize_field("label", &self.label)?;
        }
        if !self.amount.is_empty() {
            struct_ser.serialize_field("amount", &self.amount)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleDiscount {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "label",
            "amount",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            Label,
            Amount,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "label" => Ok(GeneratedField::Label),
                            "amount" => Ok(GeneratedField::Amount),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleDiscount;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleDiscount")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleDiscount, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut label__ = None;
                let mut amount__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Label => {
                            if label__.is_some() {
                                return Err(serde::de::Error::duplicate_field("label"));
                            }
                            label__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Amount => {
                            if amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("amount"));
                            }
                            amount__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RuleDiscount {
                    rule_id: rule_id__.unwrap_or_default(),
                    label: label__.unwrap_or_default(),
                    amount: amount__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleDiscount", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleHint {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if !self.label.is_empty() {
            len += 1;
        }
        if !self.attribute.is_empty() {
            len += 1;
        }
        if !self.missing.is_empty() {
            len += 1;
        }
        if !self.condition_path.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleHint", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if !self.label.is_empty() {
            struct_ser.serialize_field("label", &self.label)?;
        }
        if !self.attribute.is_empty() {
            struct_ser.serialize_field("attribute", &self.attribute)?;
        }
        if !self.missing.is_empty() {
            struct_ser.serialize_field("missing", &self.missing)?;
        }
        if !self.condition_path.is_empty() {
            struct_ser.serialize_field("conditionPath", &self.condition_path)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleHint {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "label",
            "attribute",
            "missing",
            "condition_path",
            "conditionPath",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            Label,
            Attribute,
            Missing,
            ConditionPath,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "label" => Ok(GeneratedField::Label),
                            "attribute" => Ok(GeneratedField::Attribute),
                            "missing" => Ok(GeneratedField::Missing),
                            "conditionPath" | "condition_path" => Ok(GeneratedField::ConditionPath),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleHint;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleHint")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleHint, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut label__ = None;
                let mut attribute__ = None;
                let mut missing__ = None;
                let mut condition_path__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Label => {
                            if label__.is_some() {
                                return Err(serde::de::Error::duplicate_field("label"));
                            }
                            label__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attribute => {
                            if attribute__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attribute"));
                            }
                            attribute__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Missing => {
                            if missing__.is_some() {
                                return Err(serde::de::Error::duplicate_field("missing"));
                            }
                            missing__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ConditionPath => {
                            if condition_path__.is_some() {
                                return Err(serde::de::Error::duplicate_field("conditionPath"));
                            }
                            condition_path__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RuleHint {
                    rule_id: rule_id__.unwrap_or_default(),
                    label: label__.unwrap_or_default(),
                    attribute: attribute__.unwrap_or_default(),
                    missing: missing__.unwrap_or_default(),
                    condition_path: condition_path__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleHint", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleOutcome {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "RULE_OUTCOME_UNSPECIFIED",
            Self::Applied => "RULE_OUTCOME_APPLIED",
            Self::Inactive => "RULE_OUTCOME_INACTIVE",
            Self::OutsideDates => "RULE_OUTCOME_OUTSIDE_DATES",
            Self::WebsiteMismatch => "RULE_OUTCOME_WEBSITE_MISMATCH",
            Self::CustomerGroupMismatch => "RULE_OUTCOME_CUSTOMER_GROUP_MISMATCH",
            Self::CouponMissing => "RULE_OUTCOME_COUPON_MISSING",
            Self::CouponLimitReached => "RULE_OUTCOME_COUPON_LIMIT_REACHED",
            Self::CustomerLimitReached => "RULE_OUTCOME_CUSTOMER_LIMIT_REACHED",
            Self::ConditionsNotMet => "RULE_OUTCOME_CONDITIONS_NOT_MET",
            Self::NoMatchingItems => "RULE_OUTCOME_NO_MATCHING_ITEMS",
            Self::Stopped => "RULE_OUTCOME_STOPPED",
            Self::ZeroDiscount => "RULE_OUTCOME_ZERO_DISCOUNT",
            Self::Outbid => "RULE_OUTCOME_OUTBID",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for RuleOutcome {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "RULE_OUTCOME_UNSPECIFIED",
            "RULE_OUTCOME_APPLIED",
            "RULE_OUTCOME_INACTIVE",
            "RULE_OUTCOME_OUTSIDE_DATES",
            "RULE_OUTCOME_WEBSITE_MISMATCH",
            "RULE_OUTCOME_CUSTOMER_GROUP_MISMATCH",
            "RULE_OUTCOME_COUPON_MISSING",
            "RULE_OUTCOME_COUPON_LIMIT_REACHED",
            "RULE_OUTCOME_CUSTOMER_LIMIT_REACHED",
            "RULE_OUTCOME_CONDITIONS_NOT_MET",
            "RULE_OUTCOME_NO_MATCHING_ITEMS",
            "RULE_OUTCOME_STOPPED",
            "RULE_OUTCOME_ZERO_DISCOUNT",
            "RULE_OUTCOME_OUTBID",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = RuleOutcome;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "RULE_OUTCOME_UNSPECIFIED" => Ok(RuleOutcome::Unspecified),
                    "RULE_OUTCOME_APPLIED" => Ok(RuleOutcome::Applied),
                    "RULE_OUTCOME_INACTIVE" => Ok(RuleOutcome::Inactive),
                    "RULE_OUTCOME_OUTSIDE_DATES" => Ok(RuleOutcome::OutsideDates),
                    "RULE_OUTCOME_WEBSITE_MISMATCH" => Ok(RuleOutcome::WebsiteMismatch),
                    "RULE_OUTCOME_CUSTOMER_GROUP_MISMATCH" => Ok(RuleOutcome::CustomerGroupMismatch),
                    "RULE_OUTCOME_COUPON_MISSING" => Ok(RuleOutcome::CouponMissing),
                    "RULE_OUTCOME_COUPON_LIMIT_REACHED" => Ok(RuleOutcome::CouponLimitReached),
                    "RULE_OUTCOME_CUSTOMER_LIMIT_REACHED" => Ok(RuleOutcome::CustomerLimitReached),
                    "RULE_OUTCOME_CONDITIONS_NOT_MET" => Ok(RuleOutcome::ConditionsNotMet),
                    "RULE_OUTCOME_NO_MATCHING_ITEMS" => Ok(RuleOutcome::NoMatchingItems),
                    "RULE_OUTCOME_STOPPED" => Ok(RuleOutcome::Stopped),
                    "RULE_OUTCOME_ZERO_DISCOUNT" => Ok(RuleOutcome::ZeroDiscount),
                    "RULE_OUTCOME_OUTBID" => Ok(RuleOutcome::Outbid),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for RuleTally {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if self.live_carts != 0 {
            len += 1;
        }
        if !self.live_amount.is_empty() {
            len += 1;
        }
        if self.simulated_carts != 0 {
            len += 1;
        }
        if !self.simulated_amount.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleTally", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.live_carts != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("liveCarts", ToString::to_string(&self.live_carts).as_str())?;
        }
        if !self.live_amount.is_empty() {
            struct_ser.serialize_field("liveAmount", &self.live_amount)?;
        }
        if self.simulated_carts != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("simulatedCarts", ToString::to_string(&self.simulated_carts).as_str())?;
        }
        if !self.simulated_amount.is_empty() {
            struct_ser.serialize_field("simulatedAmount", &self.simulated_amount)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleTally {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "live_carts",
            "liveCarts",
            "live_amount",
            "liveAmount",
            "simulated_carts",
            "simulatedCarts",
            "simulated_amount",
            "simulatedAmount",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            LiveCarts,
            LiveAmount,
            SimulatedCarts,
            SimulatedAmount,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "liveCarts" | "live_carts" => Ok(GeneratedField::LiveCarts),
                            "liveAmount" | "live_amount" => Ok(GeneratedField::LiveAmount),
                            "simulatedCarts" | "simulated_carts" => Ok(GeneratedField::SimulatedCarts),
                            "simulatedAmount" | "simulated_amount" => Ok(GeneratedField::SimulatedAmount),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleTally;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleTally")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleTally, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut live_carts__ = None;
                let mut live_amount__ = None;
                let mut simulated_carts__ = None;
                let mut simulated_amount__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LiveCarts => {
                            if live_carts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveCarts"));
                            }
                            live_carts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LiveAmount => {
                            if live_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("liveAmount"));
                            }
                            live_amount__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SimulatedCarts => {
                            if simulated_carts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedCarts"));
                            }
                            simulated_carts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::SimulatedAmount => {
                            if simulated_amount__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulatedAmount"));
                            }
                            simulated_amount__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RuleTally {
                    rule_id: rule_id__.unwrap_or_default(),
                    live_carts: live_carts__.unwrap_or_default(),
                    live_amount: live_amount__.unwrap_or_default(),
                    simulated_carts: simulated_carts__.unwrap_or_default(),
                    simulated_amount: simulated_amount__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleTally", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RuleTrace {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule_id != 0 {
            len += 1;
        }
        if self.outcome != 0 {
            len += 1;
        }
        if !self.failed_condition_path.is_empty() {
            len += 1;
        }
        if self.stopped_by_rule_id != 0 {
            len += 1;
        }
        if !self.detail.is_empty() {
            len += 1;
        }
        if self.hint.is_some() {
            len += 1;
        }
        if self.outbid_by_rule_id != 0 {
            len += 1;
        }
        if !self.outbid_by.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.RuleTrace", len)?;
        if self.rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("ruleId", ToString::to_string(&self.rule_id).as_str())?;
        }
        if self.outcome != 0 {
            let v = RuleOutcome::try_from(self.outcome)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.outcome)))?;
            struct_ser.serialize_field("outcome", &v)?;
        }
        if !self.failed_condition_path.is_empty() {
            struct_ser.serialize_field("failedConditionPath", &self.failed_condition_path)?;
        }
        if self.stopped_by_rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("stoppedByRuleId", ToString::to_string(&self.stopped_by_rule_id).as_str())?;
        }
        if !self.detail.is_empty() {
            struct_ser.serialize_field("detail", &self.detail)?;
        }
        if let Some(v) = self.hint.as_ref() {
            struct_ser.serialize_field("hint", v)?;
        }
        if self.outbid_by_rule_id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("outbidByRuleId", ToString::to_string(&self.outbid_by_rule_id).as_str())?;
        }
        if !self.outbid_by.is_empty() {
            struct_ser.serialize_field("outbidBy", &self.outbid_by)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RuleTrace {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule_id",
            "ruleId",
            "outcome",
            "failed_condition_path",
            "failedConditionPath",
            "stopped_by_rule_id",
            "stoppedByRuleId",
            "detail",
            "hint",
            "outbid_by_rule_id",
            "outbidByRuleId",
            "outbid_by",
            "outbidBy",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            RuleId,
            Outcome,
            FailedConditionPath,
            StoppedByRuleId,
            Detail,
            Hint,
            OutbidByRuleId,
            OutbidBy,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ruleId" | "rule_id" => Ok(GeneratedField::RuleId),
                            "outcome" => Ok(GeneratedField::Outcome),
                            "failedConditionPath" | "failed_condition_path" => Ok(GeneratedField::FailedConditionPath),
                            "stoppedByRuleId" | "stopped_by_rule_id" => Ok(GeneratedField::StoppedByRuleId),
                            "detail" => Ok(GeneratedField::Detail),
                            "hint" => Ok(GeneratedField::Hint),
                            "outbidByRuleId" | "outbid_by_rule_id" => Ok(GeneratedField::OutbidByRuleId),
                            "outbidBy" | "outbid_by" => Ok(GeneratedField::OutbidBy),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RuleTrace;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.RuleTrace")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RuleTrace, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule_id__ = None;
                let mut outcome__ = None;
                let mut failed_condition_path__ = None;
                let mut stopped_by_rule_id__ = None;
                let mut detail__ = None;
                let mut hint__ = None;
                let mut outbid_by_rule_id__ = None;
                let mut outbid_by__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::RuleId => {
                            if rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ruleId"));
                            }
                            rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Outcome => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outcome"));
                            }
                            outcome__ = Some(map_.next_value::<RuleOutcome>()? as i32);
                        }
                        GeneratedField::FailedConditionPath => {
                            if failed_condition_path__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failedConditionPath"));
                            }
                            failed_condition_path__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StoppedByRuleId => {
                            if stopped_by_rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stoppedByRuleId"));
                            }
                            stopped_by_rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Detail => {
                            if detail__.is_some() {
                                return Err(serde::de::Error::duplicate_field("detail"));
                            }
                            detail__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Hint => {
                            if hint__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hint"));
                            }
                            hint__ = map_.next_value()?;
                        }
                        GeneratedField::OutbidByRuleId => {
                            if outbid_by_rule_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outbidByRuleId"));
                            }
                            outbid_by_rule_id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::OutbidBy => {
                            if outbid_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("outbidBy"));
                            }
                            outbid_by__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RuleTrace {
                    rule_id: rule_id__.unwrap_or_default(),
                    outcome: outcome__.unwrap_or_default(),
                    failed_condition_path: failed_condition_path__.unwrap_or_default(),
                    stopped_by_rule_id: stopped_by_rule_id__.unwrap_or_default(),
                    detail: detail__.unwrap_or_default(),
                    hint: hint__,
                    outbid_by_rule_id: outbid_by_rule_id__.unwrap_or_default(),
                    outbid_by: outbid_by__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.RuleTrace", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SimpleAction {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "SIMPLE_ACTION_UNSPECIFIED",
            Self::ByPercent => "SIMPLE_ACTION_BY_PERCENT",
            Self::ByFixed => "SIMPLE_ACTION_BY_FIXED",
            Self::CartFixed => "SIMPLE_ACTION_CART_FIXED",
            Self::BuyXGetY => "SIMPLE_ACTION_BUY_X_GET_Y",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for SimpleAction {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "SIMPLE_ACTION_UNSPECIFIED",
            "SIMPLE_ACTION_BY_PERCENT",
            "SIMPLE_ACTION_BY_FIXED",
            "SIMPLE_ACTION_CART_FIXED",
            "SIMPLE_ACTION_BUY_X_GET_Y",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = SimpleAction;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "SIMPLE_ACTION_UNSPECIFIED" => Ok(SimpleAction::Unspecified),
                    "SIMPLE_ACTION_BY_PERCENT" => Ok(SimpleAction::ByPercent),
                    "SIMPLE_ACTION_BY_FIXED" => Ok(SimpleAction::ByFixed),
                    "SIMPLE_ACTION_CART_FIXED" => Ok(SimpleAction::CartFixed),
                    "SIMPLE_ACTION_BUY_X_GET_Y" => Ok(SimpleAction::BuyXGetY),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for SimulateCartRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.cart.is_some() {
            len += 1;
        }
        if !self.audience_ids.is_empty() {
            len += 1;
        }
        if self.evaluated_at.is_some() {
            len += 1;
        }
        if !self.draft_rules.is_empty() {
            len += 1;
        }
        if !self.disabled_rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SimulateCartRequest", len)?;
        if let Some(v) = self.cart.as_ref() {
            struct_ser.serialize_field("cart", v)?;
        }
        if !self.audience_ids.is_empty() {
            struct_ser.serialize_field("audienceIds", &self.audience_ids)?;
        }
        if let Some(v) = self.evaluated_at.as_ref() {
            struct_ser.serialize_field("evaluatedAt", v)?;
        }
        if !self.draft_rules.is_empty() {
            struct_ser.serialize_field("draftRules", &self.draft_rules)?;
        }
        if !self.disabled_rule_ids.is_empty() {
            struct_ser.serialize_field("disabledRuleIds", &self.disabled_rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SimulateCartRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "cart",
            "audience_ids",
            "audienceIds",
            "evaluated_at",
            "evaluatedAt",
            "draft_rules",
            "draftRules",
            "disabled_rule_ids",
            "disabledRuleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Cart,
            AudienceIds,
            EvaluatedAt,
            DraftRules,
            DisabledRuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "cart" => Ok(GeneratedField::Cart),
                            "audienceIds" | "audience_ids" => Ok(GeneratedField::AudienceIds),
                            "evaluatedAt" | "evaluated_at" => Ok(GeneratedField::EvaluatedAt),
                            "draftRules" | "draft_rules" => Ok(GeneratedField::DraftRules),
                            "disabledRuleIds" | "disabled_rule_ids" => Ok(GeneratedField::DisabledRuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SimulateCartRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SimulateCartRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SimulateCartRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut cart__ = None;
                let mut audience_ids__ = None;
                let mut evaluated_at__ = None;
                let mut draft_rules__ = None;
                let mut disabled_rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Cart => {
                            if cart__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cart"));
                            }
                            cart__ = map_.next_value()?;
                        }
                        GeneratedField::AudienceIds => {
                            if audience_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("audienceIds"));
                            }
                            audience_ids__ = Some(map_.next_value()?);
                        }
                        GeneratedField::EvaluatedAt => {
                            if evaluated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("evaluatedAt"));
                            }
                            evaluated_at__ = map_.next_value()?;
                        }
                        GeneratedField::DraftRules => {
                            if draft_rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("draftRules"));
                            }
                            draft_rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DisabledRuleIds => {
                            if disabled_rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("disabledRuleIds"));
                            }
                            disabled_rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(SimulateCartRequest {
                    cart: cart__,
                    audience_ids: audience_ids__.unwrap_or_default(),
                    evaluated_at: evaluated_at__,
                    draft_rules: draft_rules__.unwrap_or_default(),
                    disabled_rule_ids: disabled_rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SimulateCartRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SimulateCartResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.live.is_some() {
            len += 1;
        }
        if self.simulated.is_some() {
            len += 1;
        }
        if !self.discount_total_delta.is_empty() {
            len += 1;
        }
        if !self.grand_total_delta.is_empty() {
            len += 1;
        }
        if !self.lines.is_empty() {
            len += 1;
        }
        if !self.rules.is_empty() {
            len += 1;
        }
        if !self.draft_rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SimulateCartResponse", len)?;
        if let Some(v) = self.live.as_ref() {
            struct_ser.serialize_field("live", v)?;
        }
        if let Some(v) = self.simulated.as_ref() {
            struct_ser.serialize_field("simulated", v)?;
        }
        if !self.discount_total_delta.is_empty() {
            struct_ser.serialize_field("discountTotalDelta", &self.discount_total_delta)?;
        }
        if !self.grand_total_delta.is_empty() {
            struct_ser.serialize_field("grandTotalDelta", &self.grand_total_delta)?;
        }
        if !self.lines.is_empty() {
            struct_ser.serialize_field("lines", &self.lines)?;
        }
        if !self.rules.is_empty() {
            struct_ser.serialize_field("rules", &self.rules)?;
        }
        if !self.draft_rule_ids.is_empty() {
            struct_ser.serialize_field("draftRuleIds", &self.draft_rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SimulateCartResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "live",
            "simulated",
            "discount_total_delta",
            "discountTotalDelta",
            "grand_total_delta",
            "grandTotalDelta",
            "lines",
            "rules",
            "draft_rule_ids",
            "draftRuleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Live,
            Simulated,
            DiscountTotalDelta,
            GrandTotalDelta,
            Lines,
            Rules,
            DraftRuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "live" => Ok(GeneratedField::Live),
                            "simulated" => Ok(GeneratedField::Simulated),
                            "discountTotalDelta" | "discount_total_delta" => Ok(GeneratedField::DiscountTotalDelta),
                            "grandTotalDelta" | "grand_total_delta" => Ok(GeneratedField::GrandTotalDelta),
                            "lines" => Ok(GeneratedField::Lines),
                            "rules" => Ok(GeneratedField::Rules),
                            "draftRuleIds" | "draft_rule_ids" => Ok(GeneratedField::DraftRuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SimulateCartResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SimulateCartResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SimulateCartResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut live__ = None;
                let mut simulated__ = None;
                let mut discount_total_delta__ = None;
                let mut grand_total_delta__ = None;
                let mut lines__ = None;
                let mut rules__ = None;
                let mut draft_rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Live => {
                            if live__.is_some() {
                                return Err(serde::de::Error::duplicate_field("live"));
                            }
                            live__ = map_.next_value()?;
                        }
                        GeneratedField::Simulated => {
                            if simulated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("simulated"));
                            }
                            simulated__ = map_.next_value()?;
                        }
                        GeneratedField::DiscountTotalDelta => {
                            if discount_total_delta__.is_some() {
                                return Err(serde::de::Error::duplicate_field("discountTotalDelta"));
                            }
                            discount_total_delta__ = Some(map_.next_value()?);
                        }
                        GeneratedField::GrandTotalDelta => {
                            if grand_total_delta__.is_some() {
                                return Err(serde::de::Error::duplicate_field("grandTotalDelta"));
                            }
                            grand_total_delta__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Lines => {
                            if lines__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lines"));
                            }
                            lines__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Rules => {
                            if rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rules"));
                            }
                            rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DraftRuleIds => {
                            if draft_rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("draftRuleIds"));
                            }
                            draft_rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(SimulateCartResponse {
                    live: live__,
                    simulated: simulated__,
                    discount_total_delta: discount_total_delta__.unwrap_or_default(),
                    grand_total_delta: grand_total_delta__.unwrap_or_default(),
                    lines: lines__.unwrap_or_default(),
                    rules: rules__.unwrap_or_default(),
                    draft_rule_ids: draft_rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SimulateCartResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SimulateCartsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.item.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SimulateCartsRequest", len)?;
        if let Some(v) = self.item.as_ref() {
            match v {
                simulate_carts_request::Item::Setup(v) => {
                    struct_ser.serialize_field("setup", v)?;
                }
                simulate_carts_request::Item::Cart(v) => {
                    struct_ser.serialize_field("cart", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SimulateCartsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "setup",
            "cart",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Setup,
            Cart,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "setup" => Ok(GeneratedField::Setup),
                            "cart" => Ok(GeneratedField::Cart),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SimulateCartsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SimulateCartsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SimulateCartsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut item__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Setup => {
                            if item__.is_some() {
                                return Err(serde::de::Error::duplicate_field("setup"));
                            }
                            item__ = map_.next_value::<::std::option::Option<_>>()?.map(simulate_carts_request::Item::Setup)
;
                        }
                        GeneratedField::Cart => {
                            if item__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cart"));
                            }
                            item__ = map_.next_value::<::std::option::Option<_>>()?.map(simulate_carts_request::Item::Cart)
;
                        }
                    }
                }
                Ok(SimulateCartsRequest {
                    item: item__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SimulateCartsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SimulateCartsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.item.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SimulateCartsResponse", len)?;
        if let Some(v) = self.item.as_ref() {
            match v {
                simulate_carts_response::Item::Cart(v) => {
                    struct_ser.serialize_field("cart", v)?;
                }
                simulate_carts_response::Item::Summary(v) => {
                    struct_ser.serialize_field("summary", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SimulateCartsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "cart",
            "summary",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Cart,
            Summary,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "cart" => Ok(GeneratedField::Cart),
                            "summary" => Ok(GeneratedField::Summary),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SimulateCartsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SimulateCartsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SimulateCartsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut item__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Cart => {
                            if item__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cart"));
                            }
                            item__ = map_.next_value::<::std::option::Option<_>>()?.map(simulate_carts_response::Item::Cart)
;
                        }
                        GeneratedField::Summary => {
                            if item__.is_some() {
                                return Err(serde::de::Error::duplicate_field("summary"));
                            }
                            item__ = map_.next_value::<::std::option::Option<_>>()?.map(simulate_carts_response::Item::Summary)
;
                        }
                    }
                }
                Ok(SimulateCartsResponse {
                    item: item__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SimulateCartsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SimulationSetup {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.draft_rules.is_empty() {
            len += 1;
        }
        if !self.disabled_rule_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SimulationSetup", len)?;
        if !self.draft_rules.is_empty() {
            struct_ser.serialize_field("draftRules", &self.draft_rules)?;
        }
        if !self.disabled_rule_ids.is_empty() {
            struct_ser.serialize_field("disabledRuleIds", &self.disabled_rule_ids.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SimulationSetup {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "draft_rules",
            "draftRules",
            "disabled_rule_ids",
            "disabledRuleIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DraftRules,
            DisabledRuleIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "draftRules" | "draft_rules" => Ok(GeneratedField::DraftRules),
                            "disabledRuleIds" | "disabled_rule_ids" => Ok(GeneratedField::DisabledRuleIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SimulationSetup;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SimulationSetup")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SimulationSetup, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut draft_rules__ = None;
                let mut disabled_rule_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DraftRules => {
                            if draft_rules__.is_some() {
                                return Err(serde::de::Error::duplicate_field("draftRules"));
                            }
                            draft_rules__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DisabledRuleIds => {
                            if disabled_rule_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("disabledRuleIds"));
                            }
                            disabled_rule_ids__ = 
                                Some(map_.next_value::<Vec<::pbjson::private::NumberDeserialize<_>>>()?
                                    .into_iter().map(|x| x.0).collect())
                            ;
                        }
                    }
                }
                Ok(SimulationSetup {
                    draft_rules: draft_rules__.unwrap_or_default(),
                    disabled_rule_ids: disabled_rule_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SimulationSetup", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SubselectAttribute {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "SUBSELECT_ATTRIBUTE_UNSPECIFIED",
            Self::Qty => "SUBSELECT_ATTRIBUTE_QTY",
            Self::RowTotal => "SUBSELECT_ATTRIBUTE_ROW_TOTAL",
            Self::RowTotalInclTax => "SUBSELECT_ATTRIBUTE_ROW_TOTAL_INCL_TAX",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for SubselectAttribute {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "SUBSELECT_ATTRIBUTE_UNSPECIFIED",
            "SUBSELECT_ATTRIBUTE_QTY",
            "SUBSELECT_ATTRIBUTE_ROW_TOTAL",
            "SUBSELECT_ATTRIBUTE_ROW_TOTAL_INCL_TAX",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = SubselectAttribute;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "SUBSELECT_ATTRIBUTE_UNSPECIFIED" => Ok(SubselectAttribute::Unspecified),
                    "SUBSELECT_ATTRIBUTE_QTY" => Ok(SubselectAttribute::Qty),
                    "SUBSELECT_ATTRIBUTE_ROW_TOTAL" => Ok(SubselectAttribute::RowTotal),
                    "SUBSELECT_ATTRIBUTE_ROW_TOTAL_INCL_TAX" => Ok(SubselectAttribute::RowTotalInclTax),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for SyncAudiencesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("cohort.v1.SyncAudiencesRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SyncAudiencesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SyncAudiencesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SyncAudiencesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SyncAudiencesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(SyncAudiencesRequest {
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SyncAudiencesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SyncAudiencesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.run.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SyncAudiencesResponse", len)?;
        if let Some(v) = self.run.as_ref() {
            struct_ser.serialize_field("run", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SyncAudiencesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "run",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Run,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "run" => Ok(GeneratedField::Run),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SyncAudiencesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SyncAudiencesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SyncAudiencesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut run__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Run => {
                            if run__.is_some() {
                                return Err(serde::de::Error::duplicate_field("run"));
                            }
                            run__ = map_.next_value()?;
                        }
                    }
                }
                Ok(SyncAudiencesResponse {
                    run: run__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SyncAudiencesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SyncRun {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.id != 0 {
            len += 1;
        }
        if self.started_at.is_some() {
            len += 1;
        }
        if self.finished_at.is_some() {
            len += 1;
        }
        if self.status != 0 {
            len += 1;
        }
        if self.created != 0 {
            len += 1;
        }
        if self.updated != 0 {
            len += 1;
        }
        if self.deleted != 0 {
            len += 1;
        }
        if self.unchanged != 0 {
            len += 1;
        }
        if !self.error.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.SyncRun", len)?;
        if self.id != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("id", ToString::to_string(&self.id).as_str())?;
        }
        if let Some(v) = self.started_at.as_ref() {
            struct_ser.serialize_field("startedAt", v)?;
        }
        if let Some(v) = self.finished_at.as_ref() {
            struct_ser.serialize_field("finishedAt", v)?;
        }
        if self.status != 0 {
            let v = SyncStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if self.created != 0 {
            struct_ser.serialize_field("created", &self.created)?;
        }
        if self.updated != 0 {
            struct_ser.serialize_field("updated", &self.updated)?;
        }
        if self.deleted != 0 {
            struct_ser.serialize_field("deleted", &self.deleted)?;
        }
        if self.unchanged != 0 {
            struct_ser.serialize_field("unchanged", &self.unchanged)?;
        }
        if !self.error.is_empty() {
            struct_ser.serialize_field("error", &self.error)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SyncRun {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "started_at",
            "startedAt",
            "finished_at",
            "finishedAt",
            "status",
            "created",
            "updated",
            "deleted",
            "unchanged",
            "error",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            StartedAt,
            FinishedAt,
            Status,
            Created,
            Updated,
            Deleted,
            Unchanged,
            Error,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "startedAt" | "started_at" => Ok(GeneratedField::StartedAt),
                            "finishedAt" | "finished_at" => Ok(GeneratedField::FinishedAt),
                            "status" => Ok(GeneratedField::Status),
                            "created" => Ok(GeneratedField::Created),
                            "updated" => Ok(GeneratedField::Updated),
                            "deleted" => Ok(GeneratedField::Deleted),
                            "unchanged" => Ok(GeneratedField::Unchanged),
                            "error" => Ok(GeneratedField::Error),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SyncRun;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.SyncRun")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SyncRun, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut started_at__ = None;
                let mut finished_at__ = None;
                let mut status__ = None;
                let mut created__ = None;
                let mut updated__ = None;
                let mut deleted__ = None;
                let mut unchanged__ = None;
                let mut error__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::StartedAt => {
                            if started_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startedAt"));
                            }
                            started_at__ = map_.next_value()?;
                        }
                        GeneratedField::FinishedAt => {
                            if finished_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("finishedAt"));
                            }
                            finished_at__ = map_.next_value()?;
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<SyncStatus>()? as i32);
                        }
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Updated => {
                            if updated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updated"));
                            }
                            updated__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Deleted => {
                            if deleted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("deleted"));
                            }
                            deleted__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Unchanged => {
                            if unchanged__.is_some() {
                                return Err(serde::de::Error::duplicate_field("unchanged"));
                            }
                            unchanged__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SyncRun {
                    id: id__.unwrap_or_default(),
                    started_at: started_at__,
                    finished_at: finished_at__,
                    status: status__.unwrap_or_default(),
                    created: created__.unwrap_or_default(),
                    updated: updated__.unwrap_or_default(),
                    deleted: deleted__.unwrap_or_default(),
                    unchanged: unchanged__.unwrap_or_default(),
                    error: error__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.SyncRun", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SyncStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "SYNC_STATUS_UNSPECIFIED",
            Self::Running => "SYNC_STATUS_RUNNING",
            Self::Succeeded => "SYNC_STATUS_SUCCEEDED",
            Self::Failed => "SYNC_STATUS_FAILED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for SyncStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "SYNC_STATUS_UNSPECIFIED",
            "SYNC_STATUS_RUNNING",
            "SYNC_STATUS_SUCCEEDED",
            "SYNC_STATUS_FAILED",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = SyncStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "SYNC_STATUS_UNSPECIFIED" => Ok(SyncStatus::Unspecified),
                    "SYNC_STATUS_RUNNING" => Ok(SyncStatus::Running),
                    "SYNC_STATUS_SUCCEEDED" => Ok(SyncStatus::Succeeded),
                    "SYNC_STATUS_FAILED" => Ok(SyncStatus::Failed),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.UpdateRuleRequest", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.UpdateRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(UpdateRuleRequest {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.UpdateRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.UpdateRuleResponse", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.UpdateRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(UpdateRuleResponse {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.UpdateRuleResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateRuleRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.rule.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("cohort.v1.ValidateRuleRequest", len)?;
        if let Some(v) = self.rule.as_ref() {
            struct_ser.serialize_field("rule", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateRuleRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "rule",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Rule,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "rule" => Ok(GeneratedField::Rule),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ValidateRuleRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ValidateRuleRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateRuleRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut rule__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ValidateRuleRequest {
                    rule: rule__,
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ValidateRuleRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateRuleResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("cohort.v1.ValidateRuleResponse", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateRuleResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ValidateRuleResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct cohort.v1.ValidateRuleResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateRuleResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(ValidateRuleResponse {
                })
            }
        }
        deserializer.deserialize_struct("cohort.v1.ValidateRuleResponse", FIELDS, GeneratedVisitor)
    }
}
